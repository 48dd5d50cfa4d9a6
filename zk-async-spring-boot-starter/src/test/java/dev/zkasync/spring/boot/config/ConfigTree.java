package dev.zkasync.spring.boot.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes a configuration tree below a test's chroot with a client of its own, and starts
 * applications that import it, with the import declared in a file or on the command line.
 */
final class ConfigTree implements AutoCloseable {

    private final KazooClient client;

    private final String chroot;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    ConfigTree(String serverConnectString, String chroot) {
        this.client = KazooClient.builder().hosts(serverConnectString).build();
        this.client.start(Duration.ofSeconds(20));
        this.chroot = chroot;
    }

    ConfigTree put(String path, String value) {
        return put(path, value.getBytes(StandardCharsets.UTF_8));
    }

    ConfigTree put(String path, byte[] data) {
        String full = this.chroot + path;
        if (this.client.exists(full) != null) {
            this.client.set(full, data);
        }
        else {
            this.client.create(full, data, CreateOptions.DEFAULT.makepath());
        }
        return this;
    }

    ConfigTree delete(String path) {
        this.client.delete(this.chroot + path);
        return this;
    }

    /** The tree of the precedence tests: each context sets the keys it shares with those below it. */
    ConfigTree contexts() {
        return put("/config/application/p", "application").put("/config/application/r", "application")
            .put("/config/application/s", "application")
            .put("/config/application,dev/p", "application-dev")
            .put("/config/application,dev/r", "application-dev")
            .put("/config/app1/p", "app1")
            .put("/config/app1/r", "app1")
            .put("/config/app1,dev/p", "app1-dev")
            .put("/config/app1,prod/p", "app1-prod")
            .put("/config/app1,prod/only-prod", "prod");
    }

    /** Starts an application; with {@code importInFile} the import is declared in a properties file. */
    ConfigurableApplicationContext run(Class<?> application, boolean importInFile, String importValue,
            Path directory, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        Path file = directory.resolve("imported-" + this.contexts.size() + ".properties");
        String declared = "db.url=from-file\n" + (importInFile ? "spring.config.import=" + importValue + "\n" : "");
        Files.writeString(file, declared);
        all.add("--spring.config.additional-location=file:" + file);
        if (!importInFile) {
            all.add("--spring.config.import=" + importValue);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
            .web(WebApplicationType.NONE)
            .run(all.toArray(String[]::new));
        this.contexts.add(context);
        return context;
    }

    @Override
    public void close() {
        this.contexts.forEach(ConfigurableApplicationContext::close);
        this.client.stop();
    }

}
