package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells of the ejections and readmissions of one {@link OutlierDetector}: people through
 * the log, and other application instances through its {@link OutlierListener}, which
 * hears only the detector's own decisions so that nothing is echoed back. Called outside
 * the {@link EjectionLedger}'s lock, because an appender or a listener may block.
 *
 * @author datapunk mesh team
 */
final class EjectionAnnouncer {

	// The detector's category, which is the one users turn up or down.
	private static final Log logger = LogFactory.getLog(OutlierDetector.class);

	private final String serviceId;

	private final Clock clock;

	private final OutlierListener listener;

	EjectionAnnouncer(String serviceId, Clock clock, OutlierListener listener) {
		this.serviceId = serviceId;
		this.clock = clock;
		this.listener = listener;
	}

	void ejected(URI address, EjectionLedger.OwnEjection ejection) {
		logger.info("Ejected instance " + address + " of service '" + this.serviceId + "' for "
				+ format(ejection.ejectionTime()) + " after " + ejection.failures() + " consecutive failures (ejection "
				+ ejection.ejection() + ")");
		// Told to the others in wall-clock time, the only time hosts share.
		this.listener.ejected(this.serviceId, address, this.clock.instant().plus(ejection.ejectionTime()));
	}

	void ejectedAsElsewhere(URI address, Duration ejectionTime) {
		logger.info("Ejected instance " + address + " of service '" + this.serviceId + "' for " + format(ejectionTime)
				+ ", as another application instance did");
	}

	void readmitted(List<EjectionLedger.Readmission> readmissions) {
		for (EjectionLedger.Readmission readmission : readmissions) {
			logger.info("Readmitted instance " + readmission.address() + " of service '" + this.serviceId
					+ "' after its " + format(readmission.ejectionTime()) + " ejection");
		}
		for (EjectionLedger.Readmission readmission : readmissions) {
			// Only this detector's own decisions are told: the others end everywhere at
			// their own time.
			if (!readmission.remote()) {
				this.listener.readmitted(this.serviceId, readmission.address(), readmission.ejectedUntil());
			}
		}
	}

	void readmittedAsElsewhere(URI address) {
		logger.info("Readmitted instance " + address + " of service '" + this.serviceId
				+ "', as another application instance did");
	}

	private static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
