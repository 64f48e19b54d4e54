package io.ladder.jobs.pipeline.user;

import io.ladder.jobs.metrics.IndexMetrics;
import io.ladder.jobs.user.RecommenderMetrics;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/** The recommender's counters as Flink metrics of the user operator. */
final class FlinkRecommenderMetrics implements RecommenderMetrics {
    private final Counter events;
    private final Counter lateEvents;
    private final Counter withoutVector;
    private final Counter lists;
    private final Counter expired;
    private final Counter refolds;
    // Set by the function once the recommender, and with it the index, exists.
    IndexMetrics index;
    private final Counter requeried;
    private final Counter rescoredOnly;
    private final Counter indexNotReady;
    private final Counter modelsIgnored;
    private final Counter modelsRefused;
    private final Counter modelsPending;
    private final Counter modelsAdopted;
    private final Counter modelSwitches;

    FlinkRecommenderMetrics(MetricGroup group) {
        events = group.counter("events");
        lateEvents = group.counter("lateEvents");
        withoutVector = group.counter("eventsWithoutVector");
        lists = group.counter("listsEmitted");
        group.meter("eventsPerSecond", new MeterView(events));
        group.meter("lateEventsPerSecond", new MeterView(lateEvents));
        group.meter("listsEmittedPerSecond", new MeterView(lists));
        expired = group.counter("expiredUsers");
        refolds = group.counter("refolds");
        requeried = group.counter("listsRequeried");
        rescoredOnly = group.counter("listsRescoredOnly");
        indexNotReady = group.counter("listsWhileIndexBuilds");
        modelsIgnored = group.counter("modelVersionsIgnoredOlder");
        modelsRefused = group.counter("modelVersionsRefused");
        modelsPending = group.counter("modelVersionsPending");
        modelsAdopted = group.counter("modelVersionsAdopted");
        modelSwitches = group.counter("modelVersionSwitches");
    }

    @Override
    public void event() {
        events.inc();
    }

    @Override
    public void lateEvent() {
        lateEvents.inc();
    }

    @Override
    public void eventWithoutVector() {
        withoutVector.inc();
    }

    @Override
    public void listEmitted() {
        lists.inc();
    }

    @Override
    public void userExpired() {
        expired.inc();
    }

    @Override
    public void refold() {
        refolds.inc();
    }

    @Override
    public void indexQueries(int queries) {
        for (int i = 0; i < queries; i++) {
            index.query();
        }
        requeried.inc();
    }

    @Override
    public void rescoredOnly() {
        rescoredOnly.inc();
    }

    @Override
    public void indexNotReady() {
        indexNotReady.inc();
    }

    @Override
    public void modelIgnored() {
        modelsIgnored.inc();
    }

    @Override
    public void modelRefused() {
        modelsRefused.inc();
    }

    @Override
    public void modelPending() {
        modelsPending.inc();
    }

    @Override
    public void modelAdopted() {
        modelsAdopted.inc();
    }

    @Override
    public void modelSwitched() {
        modelSwitches.inc();
    }
}
