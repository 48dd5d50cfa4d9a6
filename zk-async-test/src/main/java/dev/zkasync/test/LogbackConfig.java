package dev.zkasync.test;

/** The server's logback configuration: INFO to the console, which the launcher redirects to the log file. */
final class LogbackConfig {

    static final String FILE_NAME = "logback.xml";

    private LogbackConfig() {
    }

    static String xml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by zk-async-test: the server JVM's stdout goes to server.log. -->
                <configuration>
                  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder>
                      <pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n</pattern>
                    </encoder>
                  </appender>
                  <root level="INFO">
                    <appender-ref ref="CONSOLE"/>
                  </root>
                </configuration>
                """;
    }
}
