package dev.zkasync.sample.members;

import java.util.concurrent.CompletableFuture;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /members}: the registered instances.
 */
@RestController
public class MembersController {

	private final MembershipService membership;

	public MembersController(MembershipService membership) {
		this.membership = membership;
	}

	@GetMapping("/members")
	public CompletableFuture<MembershipService.MembersView> members() {
		return this.membership.members();
	}

}
