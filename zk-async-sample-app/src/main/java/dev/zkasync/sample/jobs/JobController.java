package dev.zkasync.sample.jobs;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /jobs/{name}/run[?durationMs=N]}: runs a job under its distributed lock; 200 with the
 * run when it is done, 409 while another holder (this or another instance, or any client of the
 * lock) runs it.
 */
@RestController
public class JobController {

	private final JobService jobs;

	public JobController(JobService jobs) {
		this.jobs = jobs;
	}

	@PostMapping("/jobs/{name}/run")
	public CompletableFuture<JobService.JobRun> run(@PathVariable String name,
			@RequestParam(required = false) @Nullable Long durationMs) {
		return this.jobs.run(name, durationMs);
	}

}
