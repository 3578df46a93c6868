#include "cmark_arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Each block is preceded by its size (16 bytes, which keeps blocks 16-byte aligned as
// malloc's are), so `realloc` knows how much to copy and can grow the newest block in place.
enum { header = 16, alignment = 16, chunk_size = 64 * 1024 };

typedef struct chunk {
    struct chunk *next;  // the chunk filled before this one
    size_t capacity;     // bytes of `data`
    size_t used;
    _Alignas(16) unsigned char data[];
} chunk;

static _Thread_local chunk *current;  // the chunk being filled; older ones follow `next`
static _Thread_local unsigned depth;
static _Thread_local void *newest;    // the last block handed out, which may grow in place

static void out_of_memory(void) {
    fprintf(stderr, "[cmark] out of memory\n");
    abort();
}

static size_t rounded(size_t size) {
    if (size > SIZE_MAX - header - alignment) out_of_memory();
    return (size + alignment - 1) & ~(size_t)(alignment - 1);
}

static void *allocate(size_t size) {
    size_t need = header + rounded(size);
    if (!current || current->capacity - current->used < need) {
        // A block bigger than a chunk gets a chunk of its own.
        size_t capacity = need > chunk_size ? need : chunk_size;
        chunk *fresh = malloc(sizeof(chunk) + capacity);
        if (!fresh) out_of_memory();
        fresh->next = current;
        fresh->capacity = capacity;
        fresh->used = 0;
        current = fresh;
    }
    unsigned char *start = current->data + current->used;
    current->used += need;
    *(size_t *)start = size;
    newest = start + header;
    return newest;
}

void policysite_cmark_arena_enter(void) { depth += 1; }

void policysite_cmark_arena_leave(void) {
    if (depth == 0) return;
    depth -= 1;
    if (depth > 0) return;
    // Keep one chunk of the usual size for the next document; give the rest back.
    chunk *kept = NULL;
    while (current) {
        chunk *next = current->next;
        if (!kept && current->capacity == chunk_size) {
            kept = current;
            kept->next = NULL;
            kept->used = 0;
        } else {
            free(current);
        }
        current = next;
    }
    current = kept;
    newest = NULL;
}

void *policysite_cmark_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) out_of_memory();
    void *block = allocate(count * size);
    memset(block, 0, count * size);
    return block;
}

void *policysite_cmark_arena_realloc(void *pointer, size_t size) {
    if (!pointer) return allocate(size);
    unsigned char *block = pointer;
    size_t old = *(size_t *)(block - header);
    if (size <= old) {
        *(size_t *)(block - header) = size;
        return pointer;
    }
    // The newest block of the current chunk grows where it is when the chunk has room.
    if (pointer == newest) {
        size_t start = (size_t)(block - header - current->data);
        size_t need = header + rounded(size);
        if (current->capacity - start >= need) {
            current->used = start + need;
            *(size_t *)(block - header) = size;
            return pointer;
        }
    }
    void *moved = allocate(size);
    memcpy(moved, pointer, old);
    return moved;
}

void policysite_cmark_arena_free(void *pointer) { (void)pointer; }
