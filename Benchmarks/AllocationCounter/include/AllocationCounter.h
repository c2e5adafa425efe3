#ifndef CONTINUUM_ALLOCATION_COUNTER_H
#define CONTINUUM_ALLOCATION_COUNTER_H

/// Number of heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc) made by the
/// process so far. Counting works by interposing the allocator in the executable that links this.
long continuum_allocation_count(void);

#endif
