package io.ladder.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** state-model is pure Java: the Flink job depends on it, never the other way round. */
class ArchitectureTest {
    @Test
    void noStateModelClassDependsOnFlink() throws URISyntaxException {
        // Only this module's main classes (target/classes), not other modules on the classpath.
        Path classes =
                Path.of(
                        OrdinalModel.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        assertThat(imported.contain(UserModel.class)).as("imported the module's classes").isTrue();
        noClasses()
                .that()
                .resideInAPackage("io.ladder..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(imported);
    }
}
