package cn.gov.cppcc.proposals.suggestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled 派单目录 ({@code units-zh.tsv}): the seeded Jiangsu provincial units and cities
 * with what each handles. Ids 1-6 are fixed platform-wide; the other ids are this
 * module's numbering, so callers that number units differently should match them by
 * {@link UnitProfile#name() name}.
 */
public final class UnitDirectory {

	/** Classpath resource of the bundled directory, next to this class. */
	public static final String DEFAULT_RESOURCE = "units-zh.tsv";

	private UnitDirectory() {
	}

	/** The bundled directory. */
	public static List<UnitProfile> loadDefault() {
		return load(DEFAULT_RESOURCE);
	}

	static List<UnitProfile> load(String resource) {
		try (InputStream in = UnitDirectory.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("unit directory not found: " + resource);
			}
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Parses TSV with the columns unitId, name, type, responsibilities, keywords
	 * (keywords separated by 、 or commas). Blank lines and lines starting with {@code #}
	 * are skipped.
	 */
	public static List<UnitProfile> parse(String tsv) {
		List<UnitProfile> units = new ArrayList<>();
		int lineNo = 0;
		for (String line : tsv.split("\\R")) {
			lineNo++;
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] cols = line.split("\t", -1);
			if (cols.length < 4) {
				throw new IllegalArgumentException("units tsv line " + lineNo + ": expected 5 columns");
			}
			List<String> keywords = (cols.length > 4)
					? Arrays.stream(cols[4].split("[、,，;；]")).map(String::strip).filter((s) -> !s.isEmpty()).toList()
					: List.of();
			units.add(new UnitProfile(cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip(), keywords));
		}
		return List.copyOf(units);
	}

	/** Classpath resource of the bundled lead priors, next to this class. */
	public static final String DEFAULT_PRIORS = "unit-priors-zh.tsv";

	/**
	 * The bundled lead priors by unit name ({@code unit-priors-zh.tsv}): units that
	 * rarely lead a proposal get less than 1; units not listed get 1.
	 */
	public static Map<String, Double> loadDefaultPriors() {
		try (InputStream in = UnitDirectory.class.getResourceAsStream(DEFAULT_PRIORS)) {
			if (in == null) {
				throw new IllegalStateException("unit priors not found: " + DEFAULT_PRIORS);
			}
			Map<String, Double> priors = new HashMap<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] cols = line.split("\t");
				double prior = Double.parseDouble(cols[1].strip());
				if (!(prior > 0 && prior <= 1)) {
					throw new IllegalArgumentException("unit prior out of (0, 1]: " + line);
				}
				priors.put(cols[0].strip(), prior);
			}
			return Map.copyOf(priors);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The unit of that exact name. */
	public static Optional<UnitProfile> byName(List<UnitProfile> units, String name) {
		return units.stream().filter((u) -> u.name().equals(name)).findFirst();
	}

}
