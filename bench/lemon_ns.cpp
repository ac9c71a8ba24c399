// Issue 19: LEMON's NetworkSimplex on the network mentormatch's flow solves.
//
//   mm_lemon NETWORK.min
//
// NETWORK.min is the DIMACS minimum-cost-flow file bench/net_dump.c writes
// (costs are exact integers that need 128 bits: a count term of
// (students + 1) * 2^62 per assignment). The network is built into a
// SmartDigraph and solved by NetworkSimplex with 128-bit costs, LEMON's
// default pivot rule. Prints one JSON line: the seconds of building the
// graph and its maps, the seconds of run(), the status and the optimal cost
// as an exact integer, for bench/peers.py to compare with mm_netdump's.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

typedef __int128 Cost;

static double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

static bool parse_cost(const char *&s, Cost &out)
{
    while (*s == ' ' || *s == '\t')
        s++;
    bool negative = *s == '-';
    if (negative || *s == '+')
        s++;
    if (*s < '0' || *s > '9')
        return false;
    Cost v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    out = negative ? -v : v;
    return true;
}

static std::string show(Cost v)
{
    unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    std::string digits;
    do {
        digits.insert(digits.begin(), char('0' + int(u % 10)));
        u /= 10;
    } while (u > 0);
    return v < 0 ? "-" + digits : digits;
}

struct Arc {
    int tail, head;
    long long lo, cap;
    Cost cost;
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: mm_lemon NETWORK.min\n");
        return 2;
    }
    FILE *in = std::fopen(argv[1], "r");
    if (!in) {
        std::fprintf(stderr, "mm_lemon: %s: cannot read (write it with mm_netdump -o)\n", argv[1]);
        return 1;
    }
    long n_nodes = -1;
    std::vector<long long> supply;
    std::vector<Arc> arcs;
    char line[256];
    long lineno = 0;
    while (std::fgets(line, sizeof line, in)) {
        lineno++;
        const char *s = line + 1;
        char *end;
        if (line[0] == 'p') {
            long long a;
            if (std::sscanf(line, "p min %ld %lld", &n_nodes, &a) != 2 || n_nodes < 0) {
                std::fprintf(stderr, "mm_lemon: %s:%ld: expected 'p min NODES ARCS'\n", argv[1],
                             lineno);
                return 1;
            }
            supply.assign(n_nodes, 0);
            arcs.reserve(a);
        } else if (line[0] == 'n' && n_nodes >= 0) {
            long id = std::strtol(s, &end, 10);
            long long b = std::strtoll(end, &end, 10);
            if (id < 1 || id > n_nodes) {
                std::fprintf(stderr, "mm_lemon: %s:%ld: node out of range\n", argv[1], lineno);
                return 1;
            }
            supply[id - 1] = b;
        } else if (line[0] == 'a' && n_nodes >= 0) {
            Arc a;
            a.tail = (int)std::strtol(s, &end, 10);
            a.head = (int)std::strtol(end, &end, 10);
            a.lo = std::strtoll(end, &end, 10);
            a.cap = std::strtoll(end, &end, 10);
            const char *c = end;
            if (a.tail < 1 || a.tail > n_nodes || a.head < 1 || a.head > n_nodes ||
                !parse_cost(c, a.cost)) {
                std::fprintf(stderr, "mm_lemon: %s:%ld: expected 'a TAIL HEAD LOW CAP COST'\n",
                             argv[1], lineno);
                return 1;
            }
            arcs.push_back(a);
        } else if (line[0] != 'c' && line[0] != '\n') {
            std::fprintf(stderr, "mm_lemon: %s:%ld: not a DIMACS min line\n", argv[1], lineno);
            return 1;
        }
    }
    std::fclose(in);
    if (n_nodes < 0) {
        std::fprintf(stderr, "mm_lemon: %s: no 'p min' line\n", argv[1]);
        return 1;
    }

    double t0 = now();
    lemon::SmartDigraph g;
    g.reserveNode((int)n_nodes);
    g.reserveArc((int)arcs.size());
    std::vector<lemon::SmartDigraph::Node> node(n_nodes);
    for (long k = 0; k < n_nodes; k++)
        node[k] = g.addNode();
    lemon::SmartDigraph::ArcMap<long long> lower(g), upper(g);
    lemon::SmartDigraph::ArcMap<Cost> cost(g);
    lemon::SmartDigraph::NodeMap<long long> sup(g);
    for (long k = 0; k < n_nodes; k++)
        sup[node[k]] = supply[k];
    for (const Arc &a : arcs) {
        lemon::SmartDigraph::Arc e = g.addArc(node[a.tail - 1], node[a.head - 1]);
        lower[e] = a.lo;
        upper[e] = a.cap;
        cost[e] = a.cost;
    }
    lemon::NetworkSimplex<lemon::SmartDigraph, long long, Cost> ns(g);
    ns.lowerMap(lower).upperMap(upper).costMap(cost).supplyMap(sup);
    double t1 = now();
    lemon::NetworkSimplex<lemon::SmartDigraph, long long, Cost>::ProblemType r = ns.run();
    double t2 = now();
    const char *status = r == ns.OPTIMAL ? "optimal" : r == ns.INFEASIBLE ? "infeasible" : "unbounded";
    std::printf("{\"nodes\": %ld, \"arcs\": %zu, \"build_seconds\": %.6f, \"solve_seconds\": %.6f, "
                "\"status\": \"%s\", \"cost\": \"%s\"}\n",
                n_nodes, arcs.size(), t1 - t0, t2 - t1, status,
                r == ns.OPTIMAL ? show(ns.totalCost<Cost>()).c_str() : "");
    return 0;
}
