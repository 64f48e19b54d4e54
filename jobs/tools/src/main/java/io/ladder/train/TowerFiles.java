package io.ladder.train;

import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The trainer's output files: {@code items.avro} and {@code model-info.avro} are Avro object
 * container files (schema in the header, deflate blocks) of {@code Item} and one {@code ModelInfo}
 * record; {@code report.json} is the run's {@link TrainReport}.
 */
public final class TowerFiles {
    public static final String ITEMS = "items.avro";
    public static final String MODEL_INFO = "model-info.avro";
    public static final String REPORT = "report.json";

    private TowerFiles() {}

    public static void writeItems(Path dir, Iterable<Item> items) throws IOException {
        Files.createDirectories(dir);
        try (DataFileWriter<Item> writer =
                new DataFileWriter<>(new SpecificDatumWriter<>(Item.class))) {
            writer.setCodec(CodecFactory.deflateCodec(6));
            writer.create(Item.getClassSchema(), dir.resolve(ITEMS).toFile());
            for (Item item : items) {
                writer.append(item);
            }
        }
    }

    public static void writeModelInfo(Path dir, ModelInfo info) throws IOException {
        Files.createDirectories(dir);
        try (DataFileWriter<ModelInfo> writer =
                new DataFileWriter<>(new SpecificDatumWriter<>(ModelInfo.class))) {
            writer.create(ModelInfo.getClassSchema(), dir.resolve(MODEL_INFO).toFile());
            writer.append(info);
        }
    }

    public static void writeReport(Path dir, String json) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(REPORT), json, StandardCharsets.UTF_8);
    }

    public static List<Item> readItems(Path dir) throws IOException {
        io.ladder.schemas.codec.AvroTrust.ensureRegistered();
        List<Item> out = new ArrayList<>();
        try (DataFileReader<Item> reader =
                new DataFileReader<>(
                        dir.resolve(ITEMS).toFile(), new SpecificDatumReader<>(Item.class))) {
            reader.forEach(out::add);
        }
        return out;
    }

    /** The tower a run wrote to {@code dir} (its ModelInfo and items), as published. */
    public static PublishedTower readTower(Path dir) throws IOException {
        return PublishedTower.of(readModelInfo(dir), readItems(dir));
    }

    public static ModelInfo readModelInfo(Path dir) throws IOException {
        io.ladder.schemas.codec.AvroTrust.ensureRegistered();
        try (DataFileReader<ModelInfo> reader =
                new DataFileReader<>(
                        dir.resolve(MODEL_INFO).toFile(),
                        new SpecificDatumReader<>(ModelInfo.class))) {
            return reader.next();
        }
    }
}
