// A bump allocator for libcmark's parser and nodes (`cmark_mem`), one per thread.
//
// cmark allocates every node and buffer with `calloc`, which glibc serves outside its
// per-thread cache, under the arena lock: for a guidance page that was about a quarter of the
// Markdown layer's time. Here a document's memory comes from the calling thread's chunks and is
// given back all at once when the outermost scope ends, so `free` does nothing.
//
// Rules: allocate only between `policysite_cmark_arena_enter` and the matching
// `policysite_cmark_arena_leave` on the same thread; nothing allocated may be used after the
// outermost leave. Scopes nest (the pipe table pass parses its own documents while the page's
// is open); memory is reclaimed when the outermost one ends. Allocation failure aborts, as
// cmark's default allocator does.

#ifndef POLICYSITE_CMARK_ARENA_H
#define POLICYSITE_CMARK_ARENA_H

#include <stddef.h>

/// Opens a scope on this thread's arena.
void policysite_cmark_arena_enter(void);
/// Closes a scope; the outermost close reclaims everything allocated since it was opened.
void policysite_cmark_arena_leave(void);

/// The three functions of a `cmark_mem` backed by this thread's arena.
void *policysite_cmark_arena_calloc(size_t count, size_t size);
void *policysite_cmark_arena_realloc(void *pointer, size_t size);
void policysite_cmark_arena_free(void *pointer);

#endif
