package io.ladder.retrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON line a retrain run ends with: what it read, trained and decided. Fields are added in
 * order; {@link #json()} renders them on one line.
 */
final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    RunSummary put(String name, Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            value = null;
        }
        fields.put(name, value);
        return this;
    }

    Object get(String name) {
        return fields.get(name);
    }

    boolean published() {
        return Boolean.TRUE.equals(fields.get("published"));
    }

    String json() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
