/*
 * vpcd-loopback: an LD_PRELOAD shim for pcscd that turns bind(INADDR_ANY) into
 * bind(INADDR_LOOPBACK).
 *
 * Why: vsmartcard's vpcd driver listens for virtual cards on 0.0.0.0, so anyone on the
 * LAN could insert a card into pcscd. Its "reversed" mode (connect to a card on
 * 127.0.0.1) would avoid that, but the Debian 12 build aborts pcscd in that mode
 * ("bit out of range 0 - FD_SETSIZE on fd_set"). pcscd itself binds only a Unix socket,
 * so the only IPv4 listeners this rewrites are vpcd's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
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
