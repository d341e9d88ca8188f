#ifndef PIPIT_SWIFT_RUNTIME_HOOKS_H
#define PIPIT_SWIFT_RUNTIME_HOOKS_H

/* The Swift runtime's hook for enqueueing a job on the global concurrent executor
   (swift/Runtime/ConcurrencyHooks.def). The release build links the runtime statically
   with --exclude-libs, so dlsym cannot find it (NIO's own take-over looks it up that
   way); a reference from our own code resolves at link time. Weak: a runtime without
   it gives NULL. */
extern void *swift_task_enqueueGlobal_hook __attribute__((weak));

static inline void **pipit_enqueue_global_hook_slot(void) {
    return &swift_task_enqueueGlobal_hook;
}

#endif
