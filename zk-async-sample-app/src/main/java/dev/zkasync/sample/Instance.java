package dev.zkasync.sample;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * This instance's identity in the election, the locks and the member list.
 */
@Component
public class Instance {

	private final String id;

	public Instance(SampleProperties properties) {
		String configured = properties.getInstanceId();
		this.id = StringUtils.hasText(configured) ? configured.strip() : generatedId();
	}

	/**
	 * The instance id.
	 * @return {@code sample.instance-id}, or {@code <host>-<pid>-<4 hex digits>}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * This machine's host name, for the URL members advertise.
	 * @return the host name, or {@code localhost} if it cannot be found
	 */
	public static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	private static String generatedId() {
		String random = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
		return hostName() + "-" + ProcessHandle.current().pid() + "-" + random;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
