package dev.zkasync.test;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the container is set up, checked without starting it (no Docker needed); the Spring Boot
 * starter's service-connection test starts one where Docker runs.
 */
class ZooKeeperContainerTest {

    @Test
    void exposesTheClientPortOfTheServerVersionWeTestAgainst() {
        ZooKeeperContainer container = new ZooKeeperContainer();
        assertThat(ZooKeeperContainer.DEFAULT_IMAGE.asCanonicalNameString()).isEqualTo("zookeeper:3.9.4");
        assertThat(container.getExposedPorts()).containsExactly(ZooKeeperContainer.CLIENT_PORT);
        assertThat(container.getEnvMap()).containsEntry("ZOO_4LW_COMMANDS_WHITELIST", "*");
    }

    @Test
    void acceptsOtherTagsAndDeclaredSubstitutesOfTheOfficialImage() {
        assertThatCode(() -> new ZooKeeperContainer("zookeeper:3.9")).doesNotThrowAnyException();
        assertThatCode(() -> new ZooKeeperContainer(DockerImageName.parse("mirror.example/zk:3.9")
                .asCompatibleSubstituteFor("zookeeper"))).doesNotThrowAnyException();
    }

    @Test
    void refusesAnUnrelatedImage() {
        assertThatThrownBy(() -> new ZooKeeperContainer("redis:7"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zookeeper");
    }
}
