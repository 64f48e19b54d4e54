package io.ladder.index;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The search of {@link HnswItemIndex} over one generation: graph hits expanded into their groups'
 * items, plus the groups no link reaches (overflow and unreachable) scored exactly, with an exact
 * scan of the item table when even the whole graph leaves too few accepted items.
 *
 * <p>Reads only what {@link Generation} allows concurrent searches to read, so it takes no lock.
 */
final class GraphSearch {
    /** Search asks the graph for this many times more nodes when the filter left too few items. */
    private static final int WIDEN_FACTOR = 4;

    private GraphSearch() {}

    /**
     * The best {@code k} accepted items for {@code query}; {@code k} is positive and the query
     * already checked.
     */
    static List<ScoredItem> search(
            Generation g,
            ConcurrentItemTable table,
            float[] query,
            int k,
            Predicate<String> filter) {
        Predicate<String> accept = filter == null ? id -> true : filter;
        List<Candidate> candidates = new ArrayList<>();
        SearchScratch s = SearchScratch.get();
        long nodes = k;
        while (true) {
            candidates.clear();
            int hits = g.graph.search(query, (int) nodes, s);
            int accepted = 0;
            for (int i = 0; i < hits; i++) {
                Group group = g.group(s.nodes[i]);
                if (group != null) {
                    accepted += expand(group, s.scores[i], k, accept, candidates);
                }
            }
            accepted += scan(g.overflow(), null, 0, query, k, accept, candidates);
            // a live insert may have linked an unreachable node since the build: count it once
            accepted += scan(g.unreachable(), s, hits, query, k, accept, candidates);
            if (accepted >= k) {
                return Candidate.topK(candidates, k);
            }
            if (hits < nodes || nodes >= g.capacity) {
                // Every node the graph can reach was returned and still too few items passed:
                // the rest, if any, sit in nodes no link leads to (HNSW's neighbour pruning can
                // orphan an outlier vector). A filter this selective is served best by a scan.
                return scanTable(table, query, k, accept);
            }
            nodes = Math.min(nodes * WIDEN_FACTOR, g.capacity);
        }
    }

    /**
     * Scores the groups the graph does not return exactly, except those among the {@code hits}
     * nodes of the search in {@code s} (if any).
     */
    private static int scan(
            Group[] groups,
            SearchScratch s,
            int hits,
            float[] query,
            int k,
            Predicate<String> accept,
            List<Candidate> out) {
        int accepted = 0;
        for (Group group : groups) {
            if (s == null || !returned(group.id(), s, hits)) {
                accepted += expand(group, VectorMath.dot(query, group.vector()), k, accept, out);
            }
        }
        return accepted;
    }

    /** Whether the search returned {@code node}: only a visited node can have been. */
    private static boolean returned(int node, SearchScratch s, int hits) {
        if (!s.visited.contains(node)) {
            return false;
        }
        for (int i = 0; i < hits; i++) {
            if (s.nodes[i] == node) {
                return true;
            }
        }
        return false;
    }

    /** Exact search over the item table, which is the source of truth. */
    private static List<ScoredItem> scanTable(
            ConcurrentItemTable table, float[] query, int k, Predicate<String> accept) {
        TopK top = new TopK(Math.max(1, Math.min(k, table.size())));
        table.forEach(
                e -> {
                    float score = VectorMath.dot(query, e.vector());
                    if (top.admits(score, e.popularity(), e.id()) && accept.test(e.id())) {
                        top.add(score, e.popularity(), e.id());
                    }
                });
        return top.drain();
    }

    private static int expand(
            Group group, float score, int k, Predicate<String> accept, List<Candidate> out) {
        int accepted = 0;
        for (ItemEntry member : group.members()) {
            if (accepted == k) {
                break;
            }
            if (accept.test(member.id())) {
                out.add(new Candidate(member.id(), score, member.popularity()));
                accepted++;
            }
        }
        return accepted;
    }
}
