package io.ladder.schemas.codec;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A failed {@link BoundedBodyCheck} on its way up the walk, collecting the field path as it
 * unwinds. Internal control flow only (no stack trace); the check turns it into an {@link
 * InvalidRecordException}.
 */
final class BodyViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Field names and "[i]" / "[entry i]" steps, outermost first. */
    private final transient Deque<String> path = new ArrayDeque<>();

    /** Offset in the body of the value that failed. */
    private final int at;

    BodyViolation(String what, int at) {
        super(what, null, false, false);
        this.at = at;
    }

    /** Adds the step the failed value sits in, on the way out of it. */
    BodyViolation within(String step) {
        path.addFirst(step);
        return this;
    }

    /** "field category_heads[1].embedding: what (at byte 40 of the body)". */
    String describe() {
        StringBuilder out = new StringBuilder();
        if (!path.isEmpty()) {
            out.append("field ");
            boolean first = true;
            for (String step : path) {
                if (!first && !step.startsWith("[")) {
                    out.append('.');
                }
                out.append(step);
                first = false;
            }
            out.append(": ");
        }
        return out.append(getMessage())
                .append(" (at byte ")
                .append(at)
                .append(" of the body)")
                .toString();
    }
}
