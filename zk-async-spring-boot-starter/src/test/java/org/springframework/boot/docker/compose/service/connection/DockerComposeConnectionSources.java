package org.springframework.boot.docker.compose.service.connection;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.core.env.Environment;

/**
 * Test access to {@link DockerComposeConnectionSource}'s package-private constructor, so that the
 * zk-async connection details factory can be tested without Docker.
 */
public final class DockerComposeConnectionSources {

    private DockerComposeConnectionSources() {
    }

    /**
     * A source as Boot makes it for a running Compose service.
     * @param service the service
     * @param environment the environment
     * @return the source
     */
    public static DockerComposeConnectionSource of(RunningService service, Environment environment) {
        return new DockerComposeConnectionSource(service, environment);
    }

}
