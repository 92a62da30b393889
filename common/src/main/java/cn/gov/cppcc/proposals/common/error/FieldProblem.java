package cn.gov.cppcc.proposals.common.error;

/**
 * One entry of a problem's {@code errors[]}: the field (a JSON path such as
 * {@code suggestions[2]}) and a message.
 *
 * @param field the field
 * @param message the message, localized
 */
public record FieldProblem(String field, String message) {
}
