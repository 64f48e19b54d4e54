package io.ladder.model;

import java.util.List;

/**
 * Online clustering of a user's events into at most K interests (MODELS.md section 4): an event
 * joins its nearest interest when the cosine passes the threshold, else opens one; when K are in
 * use, the closest pair among the K interests and the new event is merged, agglomerative-style
 * (PinnerSage clusters with Ward's method; this is its one-pass, bounded-memory cousin).
 */
final class InterestClusters {
    private final UserModelConfig config;

    InterestClusters(UserModelConfig config) {
        this.config = config;
    }

    /** Heads of an interest opened by the current event, computed only when one is opened. */
    interface OpeningHeads {
        float[] heads();
    }

    /** The configured cosine of two vectors of T unit heads. */
    double similarity(float[] a, float[] b) {
        if (config.interestSimilarity() == UserModelConfig.InterestSimilarity.ENGAGEMENT_HEAD) {
            double s = 0;
            for (int i = 0; i < config.headDim(); i++) {
                s += (double) a[i] * b[i];
            }
            return s;
        }
        return UserHeadStep.dot(a, b) / config.levels();
    }

    /**
     * The interest the event at {@code timeMillis} belongs to, opening (and if needed merging)
     * interests in {@code interests}; a new interest starts at {@code opening.heads()}.
     */
    Interest assign(List<Interest> interests, float[] item, long timeMillis, OpeningHeads opening) {
        // A state restored under a smaller K than it was built with shrinks on its next event.
        while (interests.size() > config.maxInterests()) {
            int[] pair = closestPair(interests);
            merge(interests, pair[0], pair[1], timeMillis);
        }
        int nearest = mostSimilar(interests, item);
        double nearestSim =
                nearest < 0
                        ? Double.NEGATIVE_INFINITY
                        : similarity(interests.get(nearest).vector, item);
        if (nearest >= 0 && (nearestSim >= config.joinThreshold() || config.maxInterests() == 1)) {
            return interests.get(nearest);
        }
        if (interests.size() >= config.maxInterests()) {
            int[] pair = closestPair(interests);
            double pairSim =
                    similarity(interests.get(pair[0]).vector, interests.get(pair[1]).vector);
            if (nearestSim >= pairSim) {
                // The event is closer to an interest than any two interests are to each other:
                // merging it in loses less than merging two tastes.
                return interests.get(nearest);
            }
            merge(interests, pair[0], pair[1], timeMillis);
        }
        Interest opened = new Interest(opening.heads(), 0.0, timeMillis, 0);
        interests.add(opened);
        return opened;
    }

    /** Index of the interest most similar to {@code item}, -1 if none. */
    int mostSimilar(List<Interest> interests, float[] item) {
        int best = -1;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < interests.size(); i++) {
            double d = similarity(interests.get(i).vector, item);
            if (d > bestSim) {
                bestSim = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * Index of the interest with the highest inner product with {@code item}, the one whose query
     * would retrieve it first; -1 if none.
     */
    int retrieving(List<Interest> interests, float[] item) {
        int best = -1;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < interests.size(); i++) {
            double d = UserHeadStep.dot(interests.get(i).vector, item);
            if (d > bestDot) {
                bestDot = d;
                best = i;
            }
        }
        return best;
    }

    /** Weight of {@code interest} decayed from its last update to {@code nowMillis}. */
    double weightAt(Interest interest, long nowMillis) {
        return decay(interest.weight, nowMillis - interest.lastUpdateMillis);
    }

    /**
     * Adds an event's level weight at {@code timeMillis}, keeping the weight as of the latest time.
     */
    void addWeight(Interest interest, double levelWeight, long timeMillis) {
        if (timeMillis >= interest.lastUpdateMillis) {
            interest.weight = weightAt(interest, timeMillis) + levelWeight;
            interest.lastUpdateMillis = timeMillis;
        } else {
            // A late event counts as of its own time, decayed to the interest's latest time.
            interest.weight += decay(levelWeight, interest.lastUpdateMillis - timeMillis);
        }
        interest.eventCount++;
    }

    private double decay(double weight, long elapsedMillis) {
        if (elapsedMillis <= 0) {
            return weight;
        }
        return weight * Math.exp(-Math.log(2) * elapsedMillis / config.interestHalfLifeMillis());
    }

    private int[] closestPair(List<Interest> interests) {
        int[] pair = {0, 1};
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < interests.size(); i++) {
            for (int j = i + 1; j < interests.size(); j++) {
                double d = similarity(interests.get(i).vector, interests.get(j).vector);
                if (d > best) {
                    best = d;
                    pair[0] = i;
                    pair[1] = j;
                }
            }
        }
        return pair;
    }

    /**
     * Replaces interests a and b (a &lt; b) by their weight-averaged heads, re-normalised; the
     * weights add up (both decayed to now), counts add up.
     */
    private void merge(List<Interest> interests, int a, int b, long nowMillis) {
        Interest x = interests.get(a);
        Interest y = interests.get(b);
        long last = Math.max(nowMillis, Math.max(x.lastUpdateMillis, y.lastUpdateMillis));
        double wx = weightAt(x, last);
        double wy = weightAt(y, last);
        // Equal shares when both weights decayed to nothing, so the merge stays defined.
        double share = wx + wy > 0 ? wx / (wx + wy) : 0.5;
        float[] v = new float[x.vector.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (share * x.vector[i] + (1 - share) * y.vector[i]);
        }
        UserHeadStep.normalizeHeads(v, config.levels(), config.headDim());
        interests.set(a, new Interest(v, wx + wy, last, x.eventCount + y.eventCount));
        interests.remove(b);
    }
}
