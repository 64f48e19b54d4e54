package io.ladder.jobs.testing;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.schemas.CategoryHeads;
import io.ladder.schemas.EventType;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small seeded item tower (3 levels, heads of 4) with two categories, and event builders, for
 * operator and job tests. Items "a0".."a9" are in category "A", "b0".."b9" in "B"; the two
 * categories point in different directions, so a user who buys in A is scored toward A.
 */
public final class JobFixtures {
    public static final String VERSION = "test-v1";
    public static final int LEVELS = 3;
    public static final int HEAD_DIM = 4;
    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private JobFixtures() {}

    public static ModelInfo modelInfo() {
        return ModelInfo.newBuilder()
                .setModelVersion(VERSION)
                .setLevels(LEVELS)
                .setHeadDim(HEAD_DIM)
                .setGamma(4f)
                .setCutpoints(List.of(0.5f, 2.5f, 3.5f))
                .setBaseRates(List.of(0.38f, 0.08f, 0.03f))
                .setCategoryHeads(
                        List.of(
                                new CategoryHeads("A", toList(categoryVector(0))),
                                new CategoryHeads("B", toList(categoryVector(1)))))
                .setCreatedTime(T0)
                .build();
    }

    /** Category c's heads: every head points along axis c (normalised). */
    public static float[] categoryVector(int c) {
        float[] v = new float[LEVELS * HEAD_DIM];
        for (int t = 0; t < LEVELS; t++) {
            v[t * HEAD_DIM + c] = 1f;
        }
        return v;
    }

    /** Item i of category c: the category's direction plus a small seeded perturbation. */
    public static float[] itemVector(int c, int i) {
        Random random = new Random(31L * c + i);
        float[] v = categoryVector(c);
        for (int t = 0; t < LEVELS; t++) {
            double norm = 0;
            for (int d = 0; d < HEAD_DIM; d++) {
                v[t * HEAD_DIM + d] += (float) (0.2 * random.nextGaussian());
                norm += v[t * HEAD_DIM + d] * v[t * HEAD_DIM + d];
            }
            for (int d = 0; d < HEAD_DIM; d++) {
                v[t * HEAD_DIM + d] /= (float) Math.sqrt(norm);
            }
        }
        return v;
    }

    public static List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 10; i++) {
                items.add(
                        Item.newBuilder()
                                .setItemId((c == 0 ? "a" : "b") + i)
                                .setCategoryId(c == 0 ? "A" : "B")
                                .setEmbedding(toList(itemVector(c, i)))
                                .setModelVersion(VERSION)
                                .setUpdatedTime(T0)
                                .setPopularity(10 - i)
                                .build());
            }
        }
        return items;
    }

    public static CatalogRecord modelRecord() {
        return CatalogRecord.model(
                VERSION, Codecs.MODEL_INFO.encode(modelInfo()), T0.toEpochMilli());
    }

    public static List<CatalogRecord> catalogRecords() {
        List<CatalogRecord> out = new ArrayList<>();
        out.add(modelRecord());
        items().forEach(item -> out.add(CatalogRecord.item(item)));
        return out;
    }

    public static UserEvent userEvent(
            String id, String user, String item, EventType type, long offsetSeconds) {
        return UserEvent.newBuilder()
                .setEventId(id)
                .setUserId(user)
                .setItemId(item)
                .setCategoryId(item.startsWith("a") ? "A" : item.startsWith("b") ? "B" : null)
                .setType(type)
                .setEventTime(T0.plusSeconds(offsetSeconds))
                .build();
    }

    public static EventRecord event(
            String id, String user, String item, EventType type, long offsetSeconds) {
        return EventRecord.of(userEvent(id, user, item, type, offsetSeconds), T0.toEpochMilli());
    }

    public static JobConfig config(String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--list.min-interval",
                                "10s",
                                "--user.inactivity-ttl",
                                "1h",
                                "--redis.ttl",
                                "1h"));
        args.addAll(List.of(extra));
        return JobConfig.parse(args.toArray(String[]::new));
    }

    private static List<Float> toList(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float x : v) {
            out.add(x);
        }
        return out;
    }
}
