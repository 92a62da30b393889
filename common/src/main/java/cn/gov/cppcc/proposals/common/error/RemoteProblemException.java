package cn.gov.cppcc.proposals.common.error;

/**
 * A problem answered by another service of the platform, decoded from its problem+json
 * body by the Feign error decoder. Callers decide what it means for them (often: 404
 * stays 404, anything else is 503 for us).
 */
public class RemoteProblemException extends RuntimeException {

	private final int status;

	private final String code;

	private final String service;

	public RemoteProblemException(String service, int status, String code, String title) {
		super(service + " answered " + status + " " + code + ": " + title);
		this.service = service;
		this.status = status;
		this.code = code;
	}

	public int getStatus() {
		return this.status;
	}

	public String getCode() {
		return this.code;
	}

	public String getService() {
		return this.service;
	}

}
