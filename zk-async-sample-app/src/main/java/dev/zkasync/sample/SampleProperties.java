package dev.zkasync.sample;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample service ({@code sample.*}). The ZooKeeper client itself is configured
 * with the starter's {@code zk.async.*} properties.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * ZooKeeper path under which the service keeps everything: config/, election/, locks/,
	 * members/ and leader-job.
	 */
	private String rootPath = "/zk-async-sample";

	/**
	 * Name of this instance in the election, the locks and the member list. When not set,
	 * '<host name>-<pid>-<4 random hex digits>'.
	 */
	private @Nullable String instanceId;

	/**
	 * Deadline of the ZooKeeper work behind one HTTP request; past it (for example while
	 * ZooKeeper is unreachable) the request answers 503.
	 */
	private Duration requestTimeout = Duration.ofSeconds(2);

	private final Leader leader = new Leader();

	private final Jobs jobs = new Jobs();

	public String getRootPath() {
		return this.rootPath;
	}

	public void setRootPath(String rootPath) {
		this.rootPath = rootPath;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public Leader getLeader() {
		return this.leader;
	}

	public Jobs getJobs() {
		return this.jobs;
	}

	/**
	 * The job only the elected leader runs.
	 */
	public static class Leader {

		/**
		 * Time between two runs of the leader's job.
		 */
		private Duration jobInterval = Duration.ofSeconds(5);

		public Duration getJobInterval() {
			return this.jobInterval;
		}

		public void setJobInterval(Duration jobInterval) {
			this.jobInterval = jobInterval;
		}

	}

	/**
	 * Jobs run through POST /jobs/{name}/run under a distributed lock.
	 */
	public static class Jobs {

		/**
		 * How long a job works when the request gives no 'durationMs'.
		 */
		private Duration defaultDuration = Duration.ofSeconds(1);

		/**
		 * Longest 'durationMs' a request may ask for.
		 */
		private Duration maxDuration = Duration.ofMinutes(1);

		public Duration getDefaultDuration() {
			return this.defaultDuration;
		}

		public void setDefaultDuration(Duration defaultDuration) {
			this.defaultDuration = defaultDuration;
		}

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

	}

}
