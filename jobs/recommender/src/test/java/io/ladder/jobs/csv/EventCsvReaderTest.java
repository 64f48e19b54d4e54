package io.ladder.jobs.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCsvReaderTest {
    private static List<CsvRow> read(String csv, String name) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        try (EventCsvReader reader =
                EventCsvReader.of(
                        new BufferedReader(new StringReader(csv)),
                        name,
                        BehaviorMapping.defaults())) {
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get());
            }
        }
        return rows;
    }

    @Test
    void parsesRowsMapsBehaviorsAndAcceptsSecondsOrMillis() throws IOException {
        List<CsvRow> rows =
                read(
                        "user_id,item_id,category_id,behavior,ts\n"
                                + "1,10,100,pv,1511539217\n"
                                + "1,11,,fav,1511539218000\n"
                                + "2,12,100,BUY,1511539219\n",
                        "a.csv");
        assertThat(rows).hasSize(3).allMatch(CsvRow::ok);
        assertThat(rows.get(0).event().getType()).isEqualTo(EventType.CLICK);
        assertThat(rows.get(0).event().getEventTime().toEpochMilli()).isEqualTo(1511539217000L);
        assertThat(rows.get(1).event().getType()).isEqualTo(EventType.CART);
        assertThat(rows.get(1).event().getCategoryId()).isNull();
        assertThat(rows.get(1).event().getEventTime().toEpochMilli()).isEqualTo(1511539218000L);
        assertThat(rows.get(2).event().getType()).isEqualTo(EventType.PURCHASE);
        assertThat(rows.get(2).lineNumber()).isEqualTo(4);
    }

    @Test
    void malformedRowsAreReportedWithTheirLineAndTheRestStillParses() throws IOException {
        List<CsvRow> rows =
                read(
                        "1,10,100,pv,1511539217\n"
                                + "1,10,100,pv\n"
                                + "1,10,100,wishlist,1511539217\n"
                                + "1,10,100,pv,soon\n"
                                + ",10,100,pv,1511539217\n"
                                + "3,10,100,cart,1511539217\n",
                        "b.csv");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(1).error()).startsWith("line 2:").contains("5 columns");
        assertThat(rows.get(2).error()).contains("unknown behavior 'wishlist'");
        assertThat(rows.get(3).error()).contains("ts 'soon'");
        assertThat(rows.get(4).error()).contains("user_id is empty");
        assertThat(rows.get(5).ok()).isTrue();
    }

    @Test
    void eventIdsAreStablePerFileAndLineAndDistinctForRepeatedRows() throws IOException {
        String csv = "1,10,100,pv,1511539217\n1,10,100,pv,1511539217\n";
        List<CsvRow> first = read(csv, "c.csv");
        List<CsvRow> again = read(csv, "c.csv");
        assertThat(first.get(0).event().getEventId()).isEqualTo(again.get(0).event().getEventId());
        assertThat(first.get(0).event().getEventId())
                .isNotEqualTo(first.get(1).event().getEventId());
        assertThat(read(csv, "other.csv").get(0).event().getEventId())
                .isNotEqualTo(first.get(0).event().getEventId());
    }

    @Test
    void mappingCanBeOverriddenAndRejectsUnknownLevels() {
        BehaviorMapping custom = BehaviorMapping.parse("like=CART, order=PURCHASE");
        assertThat(custom.map("LIKE")).contains(EventType.CART);
        assertThat(custom.map("pv")).isEmpty();
        assertThatThrownBy(() -> BehaviorMapping.parse("like=LOVE"))
                .hasMessageContaining("CLICK, CART or PURCHASE");
    }
}
