/*
 * vpcd-loopback: an LD_PRELOAD shim for pcscd that turns bind(INADDR_ANY) into
 * bind(INADDR_LOOPBACK).
 *
 * Why: vsmartcard's vpcd driver listens for virtual cards on 0.0.0.0, so anyone on the
 * LAN could insert a card into pcscd. Its "reversed" mode (connect to a card on
 * 127.0.0.1) would avoid that, but the Debian 12 build aborts pcscd in that mode
 * ("bit out of range 0 - FD_SETSIZE on fd_set"). pcscd itself binds only a Unix socket,
 * so the only IPv4 listeners this rewrites are vpcd's.
 *
 * It also sets TCP_NODELAY on the connections vpcd accepts. vpcd leaves Nagle's algorithm on,
 * and with the card's delayed ACKs every APDU then waits ~40 ms; with it off an APDU takes
 * ~0.2 ms, so tests and benchmarks measure the card path, not a TCP timer.
 * VPCD_LOOPBACK_NODELAY=0 in pcscd's environment keeps vpcd's own behaviour (the benchmarks use it
 * to measure with card-like latency).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*bind_fn)(int, const struct sockaddr *, socklen_t);

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    static bind_fn real_bind;
    if (!real_bind)
        real_bind = (bind_fn) dlsym(RTLD_NEXT, "bind");

    if (addr && addr->sa_family == AF_INET && len >= (socklen_t) sizeof(struct sockaddr_in)) {
        struct sockaddr_in loopback;
        memcpy(&loopback, addr, sizeof loopback);
        if (loopback.sin_addr.s_addr == htonl(INADDR_ANY)) {
            loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            return real_bind(fd, (const struct sockaddr *) &loopback, sizeof loopback);
        }
    }
    return real_bind(fd, addr, len);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    static int (*real_accept)(int, struct sockaddr *, socklen_t *);
    if (!real_accept)
        real_accept = (int (*)(int, struct sockaddr *, socklen_t *)) dlsym(RTLD_NEXT, "accept");

    int connection = real_accept(fd, addr, len);
    const char *nodelay = getenv("VPCD_LOOPBACK_NODELAY");
    if (connection >= 0 && !(nodelay && strcmp(nodelay, "0") == 0)) {
        int one = 1;
        /* Best effort: a Unix-socket accept (pcscd's own clients) simply refuses the option. */
        setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    return connection;
}
