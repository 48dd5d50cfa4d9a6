package dev.zkasync.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A small service built on zk-async the way a team would: distributed configuration served from a
 * watch-driven cache ({@code /config}), a job that runs on the elected leader only ({@code /leader}),
 * jobs guarded by a distributed lock ({@code /jobs}), service membership ({@code /members}) and
 * settings imported from ZooKeeper with {@code spring.config.import=zk-async:} ({@code /settings}).
 *
 * <p>The {@link dev.zkasync.client.KazooClient} comes from the zk-async Spring Boot starter
 * ({@code zk.async.*}); without {@code zk.async.hosts} the application starts an embedded ZooKeeper
 * (see {@link dev.zkasync.sample.embedded.EmbeddedZooKeeperEnvironmentPostProcessor}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
