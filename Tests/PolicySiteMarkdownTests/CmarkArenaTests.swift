import CCmarkArena
import Testing

/// The allocator cmark parses with: what a block holds survives growth and nested scopes, and
/// memory handed out again is zeroed by `calloc`.
@Suite struct CmarkArenaTests {
    @Test func growingABlockKeepsItsBytesInPlaceAndWhenItMoves() {
        policysite_cmark_arena_enter()
        defer { policysite_cmark_arena_leave() }
        let first = policysite_cmark_arena_calloc(1, 100)!.assumingMemoryBound(to: UInt8.self)
        for index in 0..<100 { first[index] = UInt8(index) }
        // The newest block grows where it is.
        let grown = policysite_cmark_arena_realloc(first, 1_000)!.assumingMemoryBound(to: UInt8.self)
        #expect(grown == first)
        // Past the chunk's size it moves, with its bytes.
        let moved = policysite_cmark_arena_realloc(grown, 200_000)!.assumingMemoryBound(to: UInt8.self)
        #expect(moved != first)
        #expect((0..<100).allSatisfy { moved[$0] == UInt8($0) })
        // A block that is not the newest moves too.
        let other = policysite_cmark_arena_calloc(4, 8)!.assumingMemoryBound(to: UInt8.self)
        other[31] = 7
        _ = policysite_cmark_arena_calloc(1, 16)
        let otherMoved = policysite_cmark_arena_realloc(other, 64)!.assumingMemoryBound(to: UInt8.self)
        #expect(otherMoved != other && otherMoved[31] == 7)
        #expect(Int(bitPattern: otherMoved) % 16 == 0)
    }

    @Test func anInnerScopeReclaimsNothingAndReusedMemoryIsZeroed() {
        policysite_cmark_arena_enter()
        let outer = policysite_cmark_arena_calloc(1, 64)!.assumingMemoryBound(to: UInt8.self)
        outer.initialize(repeating: 0xAB, count: 64)
        policysite_cmark_arena_enter()
        let inner = policysite_cmark_arena_calloc(1, 64)!.assumingMemoryBound(to: UInt8.self)
        inner.initialize(repeating: 0xCD, count: 64)
        policysite_cmark_arena_leave()
        let after = policysite_cmark_arena_calloc(1, 64)!.assumingMemoryBound(to: UInt8.self)
        #expect(after != inner)
        #expect((0..<64).allSatisfy { outer[$0] == 0xAB && inner[$0] == 0xCD && after[$0] == 0 })
        policysite_cmark_arena_leave()
        // The outermost scope ended: the next one starts at the same place, zeroed again.
        policysite_cmark_arena_enter()
        let again = policysite_cmark_arena_calloc(1, 64)!.assumingMemoryBound(to: UInt8.self)
        #expect(again == outer)
        #expect((0..<64).allSatisfy { again[$0] == 0 })
        policysite_cmark_arena_leave()
    }
}
