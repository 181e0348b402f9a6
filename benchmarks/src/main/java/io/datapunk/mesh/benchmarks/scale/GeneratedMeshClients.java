package io.datapunk.mesh.benchmarks.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.util.FileSystemUtils;

/**
 * Many {@code @MeshClient} interfaces for a startup measurement, written as class files
 * in a temporary directory and loaded by a class loader of their own, so that the
 * application finds them as it finds its own: by scanning its package. Each is <pre>
 * &#64;MeshClient("service-&lt;i&gt;")
 * public interface GeneratedClient&lt;i&gt; {
 *     &#64;GetExchange("/items/{id}") String item(&#64;PathVariable("id") String id);
 * }
 * </pre> Generated rather than written out: hundreds of identical source files would say
 * nothing, and a count that can change is what the measurement needs. Spring's own copy
 * of ASM writes them, so nothing is added to the class path.
 *
 * @author datapunk mesh team
 */
final class GeneratedMeshClients implements AutoCloseable {

	/**
	 * The package of the generated interfaces, under the scale application's, so that its
	 * scan finds them.
	 */
	static final String PACKAGE = ScaleApplication.class.getPackageName() + ".generated";

	private final Path directory;

	private final URLClassLoader classLoader;

	private final int count;

	private GeneratedMeshClients(Path directory, int count) throws MalformedURLException {
		this.directory = directory;
		this.count = count;
		this.classLoader = new URLClassLoader(new URL[] { directory.toUri().toURL() },
				GeneratedMeshClients.class.getClassLoader());
	}

	/**
	 * Write {@code count} interfaces calling services {@code service-0} and on.
	 * @param count how many
	 * @return the interfaces, to close when done (which deletes them)
	 */
	static GeneratedMeshClients generate(int count) {
		try {
			Path directory = Files.createTempDirectory("mesh-clients");
			Path packageDirectory = directory.resolve(PACKAGE.replace('.', '/'));
			Files.createDirectories(packageDirectory);
			for (int i = 0; i < count; i++) {
				Files.write(packageDirectory.resolve(simpleName(i) + ".class"), classFile(i));
			}
			return new GeneratedMeshClients(directory, count);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the class loader that sees the interfaces (and, through its parent,
	 * everything else).
	 * @return the class loader
	 */
	ClassLoader classLoader() {
		return this.classLoader;
	}

	int count() {
		return this.count;
	}

	/**
	 * Load one of the interfaces.
	 * @param index which
	 * @return the interface
	 * @throws ClassNotFoundException if it was not generated
	 */
	Class<?> load(int index) throws ClassNotFoundException {
		return this.classLoader.loadClass(PACKAGE + "." + simpleName(index));
	}

	static String serviceId(int index) {
		return "service-" + index;
	}

	private static String simpleName(int index) {
		return "GeneratedClient" + index;
	}

	private static byte[] classFile(int index) {
		ClassWriter writer = new ClassWriter(0);
		writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE,
				(PACKAGE + "." + simpleName(index)).replace('.', '/'), null, "java/lang/Object", null);
		AnnotationVisitor meshClient = writer.visitAnnotation("Lio/datapunk/mesh/MeshClient;", true);
		meshClient.visit("value", serviceId(index));
		meshClient.visitEnd();
		MethodVisitor item = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "item",
				"(Ljava/lang/String;)Ljava/lang/String;", null, null);
		AnnotationVisitor get = item.visitAnnotation("Lorg/springframework/web/service/annotation/GetExchange;", true);
		get.visit("value", "/items/{id}");
		get.visitEnd();
		item.visitAnnotableParameterCount(1, true);
		AnnotationVisitor path = item.visitParameterAnnotation(0,
				"Lorg/springframework/web/bind/annotation/PathVariable;", true);
		path.visit("value", "id");
		path.visitEnd();
		item.visitEnd();
		writer.visitEnd();
		return writer.toByteArray();
	}

	@Override
	public void close() throws IOException {
		this.classLoader.close();
		FileSystemUtils.deleteRecursively(this.directory);
	}

}
