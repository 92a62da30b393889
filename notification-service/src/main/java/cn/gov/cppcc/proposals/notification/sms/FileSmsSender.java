package cn.gov.cppcc.proposals.notification.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;

/**
 * The local stand-in for a provider (embedded mode): appends each message as one line to
 * a file under the run directory.
 */
public class FileSmsSender implements SmsSender {

	private final Path file;

	public FileSmsSender(Path file) {
		this.file = file;
	}

	@Override
	public synchronized void send(String messageId, String phone, String text) {
		String line = OffsetDateTime.now() + "\t" + messageId + "\t" + phone + "\t" + text.replace('\n', ' ') + "\n";
		try {
			Path parent = this.file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(this.file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new SmsException("cannot write " + this.file.getFileName(), true, null);
		}
	}

	public Path file() {
		return this.file;
	}

}
