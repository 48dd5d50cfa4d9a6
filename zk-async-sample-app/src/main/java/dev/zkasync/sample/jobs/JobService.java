package dev.zkasync.sample.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.recipe.KazooRecipes;
import dev.zkasync.client.recipe.Lock;
import dev.zkasync.sample.Instance;
import dev.zkasync.sample.SampleProperties;
import dev.zkasync.sample.web.Names;
import dev.zkasync.sample.web.ZooKeeperCalls;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Jobs that must not run twice at the same time, anywhere: each run holds the distributed
 * {@link Lock} at {@code <root>/locks/<job>} (Kazoo's node layout, so a Kazoo script can take the
 * same lock). The lock is only tried, never waited for: a run that finds another holder answers
 * 409 at once, naming the holder.
 *
 * <p>The job's "work" is a pause of the requested duration, done without blocking a thread.
 */
@Service
public class JobService {

	private static final Logger log = LoggerFactory.getLogger(JobService.class);

	private final ZooKeeperCalls calls;

	private final Instance instance;

	private final String locksPath;

	private final Duration defaultDuration;

	private final Duration maxDuration;

	public JobService(ZooKeeperCalls calls, Instance instance, SampleProperties properties) {
		this.calls = calls;
		this.instance = instance;
		this.locksPath = ZkPaths.join(properties.getRootPath(), "locks");
		this.defaultDuration = properties.getJobs().getDefaultDuration();
		this.maxDuration = properties.getJobs().getMaxDuration();
	}

	/**
	 * One finished run of a job.
	 *
	 * @param job the job's name
	 * @param ranBy the instance that ran it
	 * @param startedAt when the run started (the lock was taken)
	 * @param finishedAt when it finished (before the lock was released)
	 * @param durationMs how long it worked
	 */
	public record JobRun(String job, String ranBy, Instant startedAt, Instant finishedAt, long durationMs) {
	}

	/**
	 * Runs a job if nobody else runs it.
	 * @param name the job's name
	 * @param durationMs how long it works, or null for {@code sample.jobs.default-duration}
	 * @return completes with the run once it is done and the lock is released; fails with
	 * {@link JobBusyException} if another holder has the lock
	 */
	public CompletableFuture<JobRun> run(String name, @Nullable Long durationMs) {
		Names.require("job name", name);
		Duration work = duration(durationMs);
		Lock lock = KazooRecipes.of(this.calls.client()).lock(ZkPaths.join(this.locksPath, name), this.instance.id());
		return this.calls.call("taking the lock of job '" + name + "'", lock.tryAcquireAsync())
			.thenCompose((acquired) -> acquired ? work(name, lock, work) : busy(name, lock));
	}

	private CompletableFuture<JobRun> busy(String name, Lock lock) {
		return this.calls.call("reading who runs job '" + name + "'", lock.contendersAsync())
			.thenApply((holders) -> {
				throw new JobBusyException(name, holders.isEmpty() ? null : holders.getFirst());
			});
	}

	private CompletableFuture<JobRun> work(String name, Lock lock, Duration work) {
		Instant started = Instant.now();
		log.info("Job '{}' started on {} (lock {})", name, this.instance, lock.node());
		Runnable lost = () -> log.warn("Job '{}' lost its lock with the ZooKeeper session", name);
		lock.addLostListener(lost);
		Executor later = CompletableFuture.delayedExecutor(work.toMillis(), TimeUnit.MILLISECONDS);
		return CompletableFuture.supplyAsync(() -> new JobRun(name, this.instance.id(), started, Instant.now(),
				work.toMillis()), later)
			.whenComplete((run, failure) -> lock.removeLostListener(lost))
			.thenCompose((run) -> this.calls.call("releasing the lock of job '" + name + "'", lock.releaseAsync())
				.handle((released, failure) -> {
					if (failure != null) {
						// The lock deletes its node in the background, or the session's end does.
						log.warn("Job '{}' done; releasing its lock is still under way: {}", name,
								ZooKeeperCalls.unwrap(failure).getMessage());
					}
					log.info("Job '{}' finished on {} after {} ms", name, this.instance, run.durationMs());
					return run;
				}));
	}

	private Duration duration(@Nullable Long durationMs) {
		if (durationMs == null) {
			return this.defaultDuration;
		}
		if (durationMs < 0 || durationMs > this.maxDuration.toMillis()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"durationMs must be between 0 and " + this.maxDuration.toMillis());
		}
		return Duration.ofMillis(durationMs);
	}

}
