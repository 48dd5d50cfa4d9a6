package dev.zkasync.sample.leader;

import java.util.concurrent.CompletableFuture;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /leader}: who leads, every candidate, and the last run of the leader's job.
 */
@RestController
public class LeaderController {

	private final LeaderService leader;

	public LeaderController(LeaderService leader) {
		this.leader = leader;
	}

	@GetMapping("/leader")
	public CompletableFuture<LeaderService.LeaderView> leader() {
		return this.leader.view();
	}

}
