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
        Path catalog = dir.resolve("catalog.csv");
        Files.writeString(catalog, "u,new-item,c3,pv,1700000000\nu,orphan,,pv,1700000000\n");
        Path out = dir.resolve("out");
        int code =
                TrainCommand.run(
                        new String[] {
                            "--events",
                            events.toString(),
                            "--out",
                            out.toString(),
                            "--epochs",
                            "1",
                            "--dim",
                            "4",
                            "--catalog",
                            catalog.toString(),
                            "--model-version",
                            "t1"
                        },
                        System.out,
                        System.err);
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
}
