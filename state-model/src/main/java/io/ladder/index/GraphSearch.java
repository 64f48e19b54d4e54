package io.ladder.index;

import com.github.jelmerk.hnswlib.core.SearchResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
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
        long nodes = k;
        while (true) {
            candidates.clear();
            List<SearchResult<Group, Float>> hits = g.graph.findNearest(query, (int) nodes);
            int accepted = 0;
            for (SearchResult<Group, Float> hit : hits) {
                accepted += expand(hit.item(), -hit.distance(), k, accept, candidates);
            }
            accepted += scan(g.overflow(), Set.of(), query, k, accept, candidates);
            Group[] unreachable = g.unreachable();
            if (unreachable.length > 0) {
                // a live insert may have linked one since the build: count it once
                Set<Group> found = Collections.newSetFromMap(new IdentityHashMap<>());
                hits.forEach(hit -> found.add(hit.item()));
                accepted += scan(unreachable, found, query, k, accept, candidates);
            }
            if (accepted >= k) {
                return Candidate.topK(candidates, k);
            }
            if (hits.size() < nodes || nodes >= g.capacity) {
                // Every node the graph can reach was returned and still too few items passed:
                // the rest, if any, sit in nodes no link leads to (HNSW's neighbour pruning can
                // orphan an outlier vector). A filter this selective is served best by a scan.
                return scanTable(table, query, k, accept);
            }
            nodes = Math.min(nodes * WIDEN_FACTOR, g.capacity);
        }
    }

    /** Scores the groups the graph does not return (except {@code skip}) exactly. */
    private static int scan(
            Group[] groups,
            Set<Group> skip,
            float[] query,
            int k,
            Predicate<String> accept,
            List<Candidate> out) {
        int accepted = 0;
        for (Group group : groups) {
            if (!skip.contains(group)) {
                accepted += expand(group, VectorMath.dot(query, group.vector()), k, accept, out);
            }
        }
        return accepted;
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
