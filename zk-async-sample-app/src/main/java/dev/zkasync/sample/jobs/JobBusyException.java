package dev.zkasync.sample.jobs;

import org.jspecify.annotations.Nullable;

/**
 * Another holder has the job's lock (HTTP 409).
 */
public class JobBusyException extends RuntimeException {

	private final String job;

	private final @Nullable String holder;

	public JobBusyException(String job, @Nullable String holder) {
		super("job '" + job + "' is running" + ((holder != null) ? " on " + holder : " elsewhere")
				+ "; try again when it is done");
		this.job = job;
		this.holder = holder;
	}

	public String getJob() {
		return this.job;
	}

	public @Nullable String getHolder() {
		return this.holder;
	}

}
