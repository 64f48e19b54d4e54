package io.ladder.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TowerFilesTest {
    @TempDir Path dir;

    @Test
    void itemsAndModelInfoRoundTripThroughAvroDataFiles() throws IOException {
        TrainedTower tower =
                ItemTowerTrainer.train(
                        ItemTowerTrainerTest.config().epochs(1).build(),
                        SyntheticHistory.generate(5, 20, 10));
        TowerFiles.writeItems(dir, tower.items());
        TowerFiles.writeModelInfo(dir, tower.modelInfo());
        List<Item> items = TowerFiles.readItems(dir);
        assertThat(items).isEqualTo(tower.items());
        ModelInfo info = TowerFiles.readModelInfo(dir);
        assertThat(info).isEqualTo(tower.modelInfo());
    }

    @Test
    void theCommandWritesItemsModelInfoReportAndCatalogueItems() throws IOException {
        Path events = eventsCsv();
        Path catalog = dir.resolve("catalog.csv");
        Files.writeString(catalog, "u,new-item,c3,pv,1700000000\nu,orphan,,pv,1700000000\n");
        Path out = dir.resolve("out");
        int code = train(events, out, "t1", "--catalog", catalog.toString());
        assertThat(code).isZero();
        ModelInfo info = TowerFiles.readModelInfo(out);
        assertThat(info.getModelVersion()).isEqualTo("t1");
        List<Item> items = TowerFiles.readItems(out);
        Item added =
                items.stream()
                        .filter(i -> i.getItemId().equals("new-item"))
                        .findFirst()
                        .orElseThrow();
        List<Float> c3 =
                info.getCategoryHeads().stream()
                        .filter(c -> c.getCategoryId().equals("c3"))
                        .findFirst()
                        .orElseThrow()
                        .getEmbedding();
        assertThat(added.getEmbedding()).isEqualTo(c3);
        Item orphan =
                items.stream()
                        .filter(i -> i.getItemId().equals("orphan"))
                        .findFirst()
                        .orElseThrow();
        assertThat(orphan.getEmbedding()).isEqualTo(info.getDefaultEmbedding());
        String report = Files.readString(out.resolve(TowerFiles.REPORT));
        assertThat(report).contains("\"held_out_auc\"").contains("\"catalog_items_added\": 2");
    }

    @Test
    void aWarmStartedRunNamesTheTowerItStartedFrom() throws IOException {
        Path events = eventsCsv();
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        assertThat(train(events, first, "t1")).isZero();
        assertThat(train(events, second, "t2", "--warm-from", first.toString())).isZero();
        String cold = Files.readString(first.resolve(TowerFiles.REPORT));
        String warm = Files.readString(second.resolve(TowerFiles.REPORT));
        assertThat(cold).contains("\"warm_start_from\": null").contains("\"warm_items\": 0,");
        assertThat(warm).contains("\"warm_start_from\": \"t1\"");
        // the same events: every item the second run trains carries over from the first
        String trained = warm.replaceAll("(?s).*\n  \"items\": (\\d+),.*", "$1");
        assertThat(Integer.parseInt(trained)).isPositive();
        assertThat(warm).contains("\"warm_items\": " + trained + ",");
        assertThat(train(events, dir.resolve("third"), "t3", "--warm-from", dir.toString()))
                .as("a directory without a tower is refused, not a silent cold start")
                .isNotZero();
    }

    private static int train(Path events, Path out, String version, String... more) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "--events",
                                events.toString(),
                                "--out",
                                out.toString(),
                                "--epochs",
                                "1",
                                "--dim",
                                "4",
                                "--model-version",
                                version));
        args.addAll(List.of(more));
        return TrainCommand.run(args.toArray(String[]::new), System.out, System.err);
    }

    private Path eventsCsv() throws IOException {
        Path events = dir.resolve("events.csv");
        StringBuilder csv = new StringBuilder("user_id,item_id,category_id,behavior,ts\n");
        String[] behaviors = {"pv", "pv", "cart", "buy"};
        for (var e : SyntheticHistory.generate(9, 30, 12)) {
            csv.append(e.getUserId())
                    .append(',')
                    .append(e.getItemId())
                    .append(',')
                    .append(e.getCategoryId())
                    .append(',')
                    .append(behaviors[e.getType().ordinal()])
                    .append(',')
                    .append(e.getEventTime().getEpochSecond())
                    .append('\n');
        }
        Files.writeString(events, csv);
        return events;
    }
}
