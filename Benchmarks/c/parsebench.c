/* SIP parse throughput of baresip's libre (sip_msg_decode) and GNU oSIP, for `make bench`.
 * Usage: parsebench SECONDS FILE...   Prints one line per library and file:
 *   <library> <file> <messages per second>
 * Each message is decoded from memory already loaded, and freed, in a loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <re.h>
#include <osipparser2/osip_parser.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *load(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(*len + 1);
    if (fread(buf, 1, *len, f) != *len) { perror(path); exit(2); }
    buf[*len] = 0;
    fclose(f);
    return buf;
}

static double bench_libre(const char *buf, size_t len, double seconds) {
    struct mbuf *mb = mbuf_alloc(len);
    mbuf_write_mem(mb, (const uint8_t *)buf, len);
    long count = 0;
    double start = now(), end = start + seconds, t = start;
    while (t < end) {
        for (int i = 0; i < 1000; i++) {
            struct sip_msg *msg = NULL;
            mb->pos = 0;
            if (sip_msg_decode(&msg, mb) != 0) { fprintf(stderr, "libre: decode failed\n"); exit(3); }
            mem_deref(msg);
        }
        count += 1000;
        t = now();
    }
    mem_deref(mb);
    return count / (t - start);
}

static double bench_osip(const char *buf, size_t len, double seconds) {
    long count = 0;
    double start = now(), end = start + seconds, t = start;
    while (t < end) {
        for (int i = 0; i < 1000; i++) {
            osip_message_t *sip = NULL;
            osip_message_init(&sip);
            if (osip_message_parse(sip, buf, len) != 0) { fprintf(stderr, "osip: parse failed\n"); exit(3); }
            osip_message_free(sip);
        }
        count += 1000;
        t = now();
    }
    return count / (t - start);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s SECONDS FILE...\n", argv[0]); return 2; }
    double seconds = atof(argv[1]);
    if (libre_init() != 0) { fprintf(stderr, "libre_init failed\n"); return 3; }
    parser_init();
    for (int i = 2; i < argc; i++) {
        size_t len;
        char *buf = load(argv[i], &len);
        const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
        printf("libre %s %.0f\n", name, bench_libre(buf, len, seconds));
        printf("osip %s %.0f\n", name, bench_osip(buf, len, seconds));
        fflush(stdout);
        free(buf);
    }
    libre_close();
    return 0;
}
