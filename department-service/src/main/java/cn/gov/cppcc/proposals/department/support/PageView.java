package cn.gov.cppcc.proposals.department.support;

import java.util.List;
import java.util.function.Function;

import com.baomidou.mybatisplus.extension.plugins.pagination.Page;

/**
 * A list answer of API.md: {@code { "items": [...], "page": 1, "size": 20, "total": 123
 * }}.
 *
 * @param <T> item type
 * @param items the items of this page
 * @param page the page, from 1
 * @param size the page size
 * @param total the number of items on all pages
 */
public record PageView<T>(List<T> items, long page, long size, long total) {

	public static <E, T> PageView<T> of(Page<E> page, Function<E, T> mapper) {
		return new PageView<>(page.getRecords().stream().map(mapper).toList(), page.getCurrent(), page.getSize(),
				page.getTotal());
	}

}
