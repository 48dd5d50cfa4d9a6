package dev.zkasync.sample.peers;

import java.util.List;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /peers}: the other instances of this service, as Spring Cloud's
 * {@link DiscoveryClient} finds them (zk-async-spring-cloud-discovery: every instance registers an
 * ephemeral node under {@code /services/<spring.application.name>} when its web server is up). The
 * lookup answers from a watch-kept cache: no request to ZooKeeper.
 */
@RestController
public class PeersController {

	private final DiscoveryClient discovery;

	private final Registration self;

	public PeersController(DiscoveryClient discovery, Registration self) {
		this.discovery = discovery;
		this.self = self;
	}

	@GetMapping("/peers")
	public Map<String, Object> peers() {
		List<Map<String, Object>> others = this.discovery.getInstances(this.self.getServiceId())
			.stream()
			.filter((instance) -> !instance.getInstanceId().equals(this.self.getInstanceId()))
			.map(PeersController::view)
			.toList();
		return Map.of("service", this.self.getServiceId(), "self", view(this.self), "peers", others);
	}

	private static Map<String, Object> view(ServiceInstance instance) {
		return Map.of("instanceId", instance.getInstanceId(), "uri", instance.getUri().toString(), "metadata",
				instance.getMetadata());
	}

}
