package io.datapunk.mesh.test;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made for a test: a private certificate authority and the server and client
 * certificates it signs (EC P-256 keys, generated in memory), written as PEM or PKCS#12
 * files for {@code spring.ssl.bundle.*}.
 *
 * @since 0.1.0
 */
public final class TestCertificates {

	private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

	private TestCertificates() {
	}

	/**
	 * Create a certificate authority.
	 * @param name its common name
	 * @return the authority
	 */
	public static Authority authority(String name) {
		KeyPair keys = keyPair();
		X500Name subject = new X500Name("CN=" + name);
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
				keys.getPublic());
		try {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new Authority(subject, keys, sign(builder, keys.getPrivate()));
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static BigInteger serial() {
		return BigInteger.valueOf(SERIAL.incrementAndGet());
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
		try {
			ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer);
			return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
		}
		catch (OperatorCreationException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	/**
	 * Write a file by moving a complete temporary file into place, as a deployment tool
	 * replaces certificates.
	 */
	private static void writeAtomically(Path file, String content) {
		try {
			Path temporary = Files.createTempFile(file.getParent(), ".cert", ".tmp");
			Files.writeString(temporary, content);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A certificate authority that signs certificates.
	 *
	 * @param subject its name
	 * @param keys its keys
	 * @param certificate its self-signed certificate
	 */
	public record Authority(X500Name subject, KeyPair keys, X509Certificate certificate) {

		/**
		 * Issue a server certificate for 127.0.0.1 and localhost, valid now.
		 * @param name the common name
		 * @return the certificate and its key
		 */
		public Issued server(String name) {
			return issue(name, List.of("127.0.0.1"), List.of("localhost"), Instant.now().minus(Duration.ofHours(1)),
					Instant.now().plus(Duration.ofDays(1)), KeyPurposeId.id_kp_serverAuth);
		}

		/**
		 * Issue a server certificate for another host than 127.0.0.1.
		 * @param name the common name
		 * @param host the only host it names
		 * @return the certificate and its key
		 */
		public Issued serverFor(String name, String host) {
			return issue(name, List.of(), List.of(host), Instant.now().minus(Duration.ofHours(1)),
					Instant.now().plus(Duration.ofDays(1)), KeyPurposeId.id_kp_serverAuth);
		}

		/**
		 * Issue a server certificate for 127.0.0.1 that expired yesterday.
		 * @param name the common name
		 * @return the certificate and its key
		 */
		public Issued expiredServer(String name) {
			return issue(name, List.of("127.0.0.1"), List.of("localhost"), Instant.now().minus(Duration.ofDays(3)),
					Instant.now().minus(Duration.ofDays(1)), KeyPurposeId.id_kp_serverAuth);
		}

		/**
		 * Issue a client certificate.
		 * @param name the common name
		 * @return the certificate and its key
		 */
		public Issued client(String name) {
			return issue(name, List.of(), List.of(), Instant.now().minus(Duration.ofHours(1)),
					Instant.now().plus(Duration.ofDays(1)), KeyPurposeId.id_kp_clientAuth);
		}

		private Issued issue(String name, List<String> addresses, List<String> hosts, Instant notBefore,
				Instant notAfter, KeyPurposeId purpose) {
			KeyPair keys = keyPair();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.subject, serial(),
					Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + name), keys.getPublic());
			try {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
				List<GeneralName> names = new ArrayList<>();
				addresses.forEach((address) -> names.add(new GeneralName(GeneralName.iPAddress, address)));
				hosts.forEach((host) -> names.add(new GeneralName(GeneralName.dNSName, host)));
				if (!names.isEmpty()) {
					builder.addExtension(Extension.subjectAlternativeName, false,
							new GeneralNames(names.toArray(GeneralName[]::new)));
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return new Issued(name, keys.getPrivate(), sign(builder, this.keys.getPrivate()), this);
		}

		/**
		 * Return the certificate as PEM text.
		 * @return the PEM text
		 */
		public String certificatePem() {
			return certificatePem(this.certificate);
		}

		/**
		 * Write the certificate as a PEM file, replacing the file if it exists.
		 * @param file the file
		 * @return the file
		 */
		public Path writeCertificate(Path file) {
			writeAtomically(file, certificatePem());
			return file;
		}

		/**
		 * Write the certificate as a password-protected PKCS#12 trust store.
		 * @param file the file
		 * @param password the store's password
		 * @return the file
		 */
		public Path writeTrustStore(Path file, String password) {
			try (OutputStream out = Files.newOutputStream(file)) {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setCertificateEntry("ca", this.certificate);
				store.store(out, password.toCharArray());
				return file;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		static String certificatePem(X509Certificate certificate) {
			try {
				return pem("CERTIFICATE", certificate.getEncoded());
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * A certificate and its private key.
	 *
	 * @param name the common name
	 * @param privateKey the key
	 * @param certificate the certificate
	 * @param issuer the authority that signed it
	 */
	public record Issued(String name, PrivateKey privateKey, X509Certificate certificate, Authority issuer) {

		/**
		 * Return the private key as PKCS#8 PEM text.
		 * @return the PEM text
		 */
		public String privateKeyPem() {
			return pem("PRIVATE KEY", this.privateKey.getEncoded());
		}

		/**
		 * Write the certificate and the private key as PEM files in a directory,
		 * replacing them if they exist.
		 * @param directory the directory
		 * @param prefix the start of the files' names
		 * @return the certificate file; the key is {@code <prefix>.key} beside it
		 */
		public Path writePem(Path directory, String prefix) {
			writeAtomically(directory.resolve(prefix + ".key"), privateKeyPem());
			Path certificate = directory.resolve(prefix + ".crt");
			writeAtomically(certificate, Authority.certificatePem(this.certificate));
			return certificate;
		}

		/**
		 * Write the key and certificate chain as a password-protected PKCS#12 file.
		 * @param file the file
		 * @param password the password of the file and of the key
		 * @return the file
		 */
		public Path writePkcs12(Path file, String password) {
			try (OutputStream out = Files.newOutputStream(file)) {
				keyStore(password.toCharArray()).store(out, password.toCharArray());
				return file;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private KeyStore keyStore(char[] password) throws GeneralSecurityException, IOException {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(this.name, this.privateKey, password,
					new Certificate[] { this.certificate, this.issuer.certificate() });
			return store;
		}

		/**
		 * Return a server-side SSL context that presents this certificate and trusts
		 * clients signed by the given authorities.
		 * @param trustedClients authorities of the client certificates accepted
		 * @return the context
		 */
		public SSLContext serverContext(Authority... trustedClients) {
			try {
				char[] password = "server".toCharArray();
				KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(keyStore(password), password);
				KeyStore trusted = KeyStore.getInstance("PKCS12");
				trusted.load(null, null);
				for (Authority authority : trustedClients) {
					trusted.setCertificateEntry(authority.subject().toString(), authority.certificate());
				}
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(trusted);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
				return context;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
