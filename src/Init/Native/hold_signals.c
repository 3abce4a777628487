/*
 * Runs before the .NET runtime starts (an ELF constructor), on the process's only thread.
 *
 * As PID 1, a signal whose disposition is SIG_DFL is discarded by the kernel. Between exec and the moment the
 * init's managed code has installed its handlers lie a few milliseconds of runtime start-up: a `docker stop`
 * in that window would be lost, and the container would wait for SIGKILL. A blocked signal, though, is never
 * discarded: it stays pending. So the signals the init handles are blocked here, before any runtime thread
 * exists (threads inherit the mask), and SignalInbox unblocks them on the main thread once the handlers are in.
 * Children never inherit the mask: both spawn paths set an empty one.
 */
#include <signal.h>

__attribute__((constructor))
static void container_init_hold_signals(void)
{
    sigset_t held;
    sigemptyset(&held);
    for (int signal = 1; signal < 32; signal++) {
        switch (signal) {
        /* Synchronous faults must never be blocked; KILL and STOP cannot be; CHLD and PIPE are not handled. */
        case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE: case SIGSEGV: case SIGSYS:
        case SIGKILL: case SIGSTOP: case SIGCHLD: case SIGPIPE: case SIGTTIN: case SIGTTOU:
            continue;
        default:
            sigaddset(&held, signal);
        }
    }
    for (int signal = SIGRTMIN + 1; signal <= SIGRTMAX; signal++)
        sigaddset(&held, signal);
    sigprocmask(SIG_BLOCK, &held, 0);
}
