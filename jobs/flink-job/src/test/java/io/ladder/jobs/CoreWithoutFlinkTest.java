package io.ladder.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.ladder.index.HnswItemIndex;
import io.ladder.jobs.user.Recommender;
import io.ladder.model.UserModel;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model (state-model) and the recommender core (jobs/recommender) never use Flink: the job and
 * the offline replay drive the same code. Checked here, where Flink is on the classpath, so the
 * rule fails as soon as one of those modules gains a Flink dependency and uses it; in the modules
 * themselves a Flink import does not even compile.
 */
class CoreWithoutFlinkTest {
    private static final ArchRule NO_FLINK =
            noClasses()
                    .that()
                    .resideInAPackage("io.ladder..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.apache.flink..");

    @Test
    void theModelAndTheRecommenderCoreDoNotDependOnFlink() {
        JavaClasses core = classesBeside(UserModel.class, Recommender.class);
        assertThat(core.contain(HnswItemIndex.class)).as("imported state-model").isTrue();
        assertThat(core.contain(Recommender.class)).as("imported the core").isTrue();
        NO_FLINK.check(core);
    }

    @Test
    void theRuleCatchesAClassThatDoes() {
        JavaClasses job = classesBeside(RecommendationJob.class);
        assertThat(NO_FLINK.evaluate(job).hasViolation()).isTrue();
    }

    /** Every main class of the jars (or class folders) the given classes were loaded from. */
    private static JavaClasses classesBeside(Class<?>... classes) {
        URL[] locations = new URL[classes.length];
        for (int i = 0; i < classes.length; i++) {
            locations[i] = classes[i].getProtectionDomain().getCodeSource().getLocation();
        }
        return new ClassFileImporter().importUrls(List.of(locations));
    }
}
