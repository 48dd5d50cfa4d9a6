package dev.zkasync.spring.boot.config;

import java.util.List;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigData.Option;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;

/**
 * Loads one context node as a live property source. The options are Spring Cloud Zookeeper's: no
 * imports or profile activation from ZooKeeper, and a profile's context is profile-specific, which
 * decides its precedence when the import is declared in a configuration file.
 */
final class ZkAsyncConfigDataLoader implements ConfigDataLoader<ZkAsyncConfigDataResource> {

    @Override
    public ConfigData load(ConfigDataLoaderContext context, ZkAsyncConfigDataResource resource) {
        if (ZkAsyncConfigDataLocationResolver.isAotProcessing()) {
            return ConfigData.EMPTY; // read when the processed application starts
        }
        ZkAsyncConfigData data = context.getBootstrapContext().get(ZkAsyncConfigData.class);
        ZkAsyncPropertySource source = data.propertySource(resource);
        ConfigData.PropertySourceOptions options = (resource.getProfile() != null)
                ? ConfigData.PropertySourceOptions.always(Option.IGNORE_IMPORTS, Option.IGNORE_PROFILES,
                        Option.PROFILE_SPECIFIC)
                : ConfigData.PropertySourceOptions.always(Option.IGNORE_IMPORTS, Option.IGNORE_PROFILES);
        return new ConfigData(List.of(source), options);
    }

}
