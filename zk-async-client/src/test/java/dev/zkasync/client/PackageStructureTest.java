package dev.zkasync.client;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of the client's packages, read from its compiled classes: the internal packages sit
 * strictly below the facade, and no package depends on itself through others. A dependency is any
 * type a class file names in its constant pool (its own references, field and method descriptors,
 * generic signatures and annotations), which is what the JVM and jdeps see.
 */
class PackageStructureTest {
    private static final String ROOT = "dev.zkasync.client";
    private static final List<String> INTERNAL = List.of(ROOT + ".protocol", ROOT + ".session");

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L(dev/zkasync/client/[\\w/$]+)[;<]");

    /** Package to the client packages its classes name (itself excluded). */
    private static Map<String, Set<String>> dependencies;
    /** "from -> to" to the classes of {@code from} that name a type of {@code to}, for failure messages. */
    private static final Map<String, Set<String>> evidence = new TreeMap<>();

    @BeforeAll
    static void readClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(KazooClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (name.equals("module-info.class")) {
                    continue;
                }
                String from = packageOf(name.substring(0, name.length() - ".class".length()));
                Set<String> to = dependencies.computeIfAbsent(from, p -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(file)) {
                    for (String type : referencedTypes(in)) {
                        String target = packageOf(type);
                        // A package-info names no types, so depending on it couples nothing.
                        if (target.equals(from) || type.endsWith("/package-info")) {
                            continue;
                        }
                        to.add(target);
                        evidence.computeIfAbsent(from + " -> " + target, k -> new TreeSet<>()).add(name);
                    }
                }
            }
        }
    }

    @Test
    void theClassesWereFound() {
        assertThat(dependencies).containsKeys(ROOT, ROOT + ".session", ROOT + ".protocol", ROOT + ".recipe");
        assertThat(dependencies.get(ROOT)).as("the facade uses the session").contains(ROOT + ".session");
    }

    @Test
    void internalPackagesDoNotDependOnTheFacade() {
        for (String internal : INTERNAL) {
            assertThat(dependencies.get(internal))
                    .as("%s depends on the root package through %s", internal, evidence.get(internal + " -> " + ROOT))
                    .doesNotContain(ROOT);
        }
    }

    @Test
    void noPackageCycles() {
        List<String> cycles = stronglyConnected(dependencies).stream()
                .filter(c -> c.size() > 1)
                .map(PackageStructureTest::describe)
                .toList();
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void theRecipesSitAboveTheFacade() {
        assertThat(dependencies.get(ROOT)).as("the facade names no recipe").doesNotContain(ROOT + ".recipe");
        assertThat(dependencies.get(ROOT + ".recipe")).as("the recipes use the facade").contains(ROOT);
    }

    private static String describe(Set<String> cycle) {
        StringBuilder text = new StringBuilder(String.join(", ", cycle)).append(" form a cycle:");
        for (String from : cycle) {
            for (String to : dependencies.get(from)) {
                if (cycle.contains(to)) {
                    text.append("\n  ").append(from).append(" -> ").append(to).append(" in ")
                            .append(evidence.get(from + " -> " + to));
                }
            }
        }
        return text.toString();
    }

    /** Tarjan's strongly connected components over the client's packages. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, components);
            }
        }
        return components;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return internalName.substring(0, slash).replace('/', '.');
    }

    /**
     * The client types (internal names) a class file names: its class constants, and the types in
     * every descriptor and signature of its constant pool.
     */
    private static Set<String> referencedTypes(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNames = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> types = new TreeSet<>();
        for (int nameIndex : classNames) {
            String name = utf8[nameIndex];
            if (name.startsWith("dev/zkasync/client/")) {
                types.add(name);
            }
        }
        for (String text : utf8) {
            if (text != null) {
                Matcher m = TYPE_IN_DESCRIPTOR.matcher(text);
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
        return types;
    }
}
