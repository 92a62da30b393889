package cn.gov.cppcc.proposals.common.feign;

import java.util.function.Predicate;

import cn.gov.cppcc.proposals.common.error.RemoteProblemException;

/**
 * What a Feign client's circuit breaker counts as a failure of the other service: not its
 * 4xx answers (a unit that does not exist is an answer, not an outage), everything else
 * (5xx, timeouts, refused or dropped connections). Every answer that is not 2xx reaches
 * it as a {@link RemoteProblemException} ({@link ProblemErrorDecoder}). Named by
 * {@code resilience4j.circuitbreaker.configs.default.record-failure-predicate} in
 * platform-defaults.properties.
 */
public class RemoteFailurePredicate implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof RemoteProblemException remote) {
				return remote.getStatus() >= 500 || remote.getStatus() == 429;
			}
		}
		return true;
	}

}
