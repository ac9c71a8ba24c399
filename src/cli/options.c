/* Numeric options, read as a user means them (docs/commands.md, "Numbers"):
 * one parser per kind, each refusing what strtoull or strtod would quietly
 * take: leading spaces, signs, hex, inf, nan, subnormals, wrap-around. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A limit as a user writes it: 1e9 rather than 1e+09. */
static void format_limit(char *buf, size_t size, double v)
{
    double e = v > 0 ? round(log10(v)) : 0;

    if (v > 0 && fabs(e) >= 6 && v == pow(10, e))
        snprintf(buf, size, "1e%d", (int)e);
    else
        snprintf(buf, size, "%g", v);
}

int cli_parse_whole(const char *command, const char *option, const char *text,
                    unsigned long long lo, unsigned long long hi, unsigned long long *out)
{
    unsigned long long value = 0;
    const char *c = text;

    for (; is_digit(*c); c++) {
        unsigned d = (unsigned)(*c - '0');
        if (d > hi || value > (hi - d) / 10) { /* above hi, or would wrap */
            value = hi;
            c = text; /* refused below */
            break;
        }
        value = value * 10 + d;
    }
    if (c == text || *c || value < lo)
        return cli_usage_error(command, "%s takes a whole number from %llu to %llu, not '%s'",
                               option, lo, hi, text);
    *out = value;
    return 0;
}

int cli_parse_seed(const char *command, const char *text, unsigned long long *out)
{
    return cli_parse_whole(command, "--seed", text, 0, ~0ULL, out);
}

int cli_is_decimal(const char *c)
{
    int digits = 0;

    for (; is_digit(*c); c++)
        digits++;
    if (*c == '.')
        for (c++; is_digit(*c); c++)
            digits++;
    if (!digits)
        return 0;
    if (*c == 'e' || *c == 'E') {
        c++;
        if (*c == '+' || *c == '-')
            c++;
        if (!is_digit(*c))
            return 0;
        while (is_digit(*c))
            c++;
    }
    return *c == '\0';
}

int cli_parse_number(const char *command, const char *option, const char *text, double hi,
                     double *out)
{
    char max[32], min[32];
    double value = 0;
    int ok = cli_is_decimal(text);

    if (ok) {
        errno = 0;
        value = strtod(text, NULL); /* ERANGE: too large, or too small to hold exactly */
        ok = errno == 0 && isfinite(value) && (value == 0 || value >= CLI_NUMBER_MIN) &&
             value <= hi;
    }
    if (!ok) {
        format_limit(max, sizeof max, hi);
        format_limit(min, sizeof min, CLI_NUMBER_MIN);
        return cli_usage_error(command, "%s takes a decimal number, 0 or from %s to %s, not '%s'",
                               option, min, max, text);
    }
    *out = value;
    return 0;
}

int cli_parse_seconds(const char *command, const char *option, const char *text, double *out)
{
    return cli_parse_number(command, option, text, CLI_NUMBER_MAX, out);
}
