package dev.zkasync.sample.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One configuration value as the API shows it.
 *
 * @param key the key
 * @param value the value (UTF-8 text)
 * @param version the znode's data version, which grows by one with every write
 * @param stale {@code true} when served from the local cache while ZooKeeper is unreachable (the
 * value may have changed since); absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigEntry(String key, String value, int version, Boolean stale) {

}
