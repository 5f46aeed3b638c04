//! The global allocator of the binary, benchmarks and examples: mimalloc,
//! called through its plain entry points wherever the layout allows.
//!
//! `mimalloc::MiMalloc` sends every request to `mi_malloc_aligned`, whose
//! fast path (in mimalloc 3) covers only blocks of up to 1 KiB; a larger
//! request, such as a report buffer, goes through two more calls and may be
//! over-allocated to honour an alignment that `mi_malloc` already gives.
//! A batch makes about 4,000 requests per pair.
//!
//! ```
//! #[global_allocator]
//! static GLOBAL: backcheck::allocator::Allocator = backcheck::allocator::Allocator;
//! let v: Vec<u64> = (0..1000).collect();
//! assert_eq!(v.iter().sum::<u64>(), 499_500);
//! ```

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// mimalloc with its unaligned entry points for ordinary layouts.
pub struct Allocator;

/// Every block mimalloc hands out is aligned to at least a machine word
/// (`MI_INTPTR_SIZE`); larger alignments take the aligned entry points.
const PLAIN_ALIGN: usize = std::mem::size_of::<usize>();

#[inline]
fn plain(layout: &Layout) -> bool {
    layout.align() <= PLAIN_ALIGN
}

// SAFETY: each function forwards to the mimalloc call with the same
// contract (a block of at least `size` bytes aligned to `align`, or null);
// the plain calls are used only when their guaranteed alignment (a
// machine word) covers `align`. Every block, however obtained, is freed by
// `mi_free`, which takes blocks of any of these calls.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(&layout) {
            mi::mi_malloc(layout.size()).cast()
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(&layout) {
            mi::mi_zalloc(layout.size()).cast()
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr.cast::<c_void>());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(&layout) {
            mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every layout gets a block aligned as asked, zeroed when asked,
    /// and keeps its bytes through a reallocation, on both paths.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = Allocator;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096, 128 * 1024] {
            for size in [1usize, 7, 8, 24, 1000, 1025, 5000, 70_000] {
                let size = size.next_multiple_of(align);
                let layout = Layout::from_size_align(size, align).expect("valid layout");
                // SAFETY: a non-zero size; the block is used within its
                // size and freed once with its layout.
                unsafe {
                    let p = a.alloc_zeroed(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    let block = std::slice::from_raw_parts_mut(p, size);
                    assert!(block.iter().all(|&b| b == 0));
                    for (i, b) in block.iter_mut().enumerate() {
                        *b = i as u8;
                    }
                    let q = a.realloc(p, layout, size * 3);
                    assert!(!q.is_null());
                    assert_eq!(q as usize % align, 0, "grown: size {size} align {align}");
                    let grown = std::slice::from_raw_parts(q, size);
                    assert!(grown.iter().enumerate().all(|(i, &b)| b == i as u8));
                    a.dealloc(q, Layout::from_size_align(size * 3, align).expect("valid"));
                    let r = a.alloc(layout);
                    assert_eq!(r as usize % align, 0);
                    a.dealloc(r, layout);
                }
            }
        }
    }
}
