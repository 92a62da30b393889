package cn.gov.cppcc.proposals.department.unit;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.department.support.PageView;

/**
 * Maintains the tree of handling units: unique codes, no cycles, no deletion while used.
 */
@Service
public class Units {

	private final UnitMapper mapper;

	Units(UnitMapper mapper) {
		this.mapper = mapper;
	}

	PageView<UnitView> search(String q, UnitType type, Boolean active, long page, long size) {
		return PageView.of(this.mapper.search(q, type, active, page, size), UnitView::of);
	}

	public UnitView get(long id) {
		Unit unit = this.mapper.selectById(id);
		if (unit == null) {
			throw ApiException.notFound();
		}
		return UnitView.of(unit);
	}

	public boolean exists(long id) {
		return this.mapper.selectById(id) != null;
	}

	@Transactional
	UnitView create(UnitRequest request) {
		if (this.mapper.codeTaken(request.code(), null)) {
			throw ApiException.conflict("unit-code-taken", request.code());
		}
		if (request.parentId() != null && this.mapper.selectById(request.parentId()) == null) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unit-parent-not-found", request.parentId());
		}
		Unit unit = new Unit();
		apply(unit, request);
		unit.createdAt = Instant.now();
		unit.updatedAt = unit.createdAt;
		unit.version = 0;
		try {
			this.mapper.insert(unit);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("unit-code-taken", request.code());
		}
		return UnitView.of(this.mapper.selectById(unit.id));
	}

	@Transactional
	UnitView update(long id, UnitRequest request, Integer expectedVersion) {
		Unit unit = this.mapper.selectById(id);
		if (unit == null) {
			throw ApiException.notFound();
		}
		if (expectedVersion != null && !expectedVersion.equals(unit.version)) {
			throw new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		}
		if (this.mapper.codeTaken(request.code(), id)) {
			throw ApiException.conflict("unit-code-taken", request.code());
		}
		if (request.parentId() != null) {
			checkNoCycle(id, request.parentId());
		}
		apply(unit, request);
		unit.updatedAt = Instant.now();
		try {
			if (this.mapper.updateById(unit) == 0) {
				throw ApiException.conflict("concurrent-modification");
			}
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("unit-code-taken", request.code());
		}
		return UnitView.of(this.mapper.selectById(id));
	}

	/**
	 * Refused while accounts or child units use the unit. Proposals assigned to it live
	 * in proposal-service and are not checked here: deactivate ({@code active=false}) a
	 * unit that has handled proposals instead of deleting it.
	 */
	@Transactional
	void delete(long id) {
		Unit unit = this.mapper.selectById(id);
		if (unit == null) {
			throw ApiException.notFound();
		}
		long accounts = this.mapper.countAccounts(id);
		long children = this.mapper.countChildren(id);
		if (accounts > 0 || children > 0) {
			throw ApiException.conflict("unit-in-use", accounts, children);
		}
		this.mapper.deleteById(id);
	}

	/**
	 * Walks up from the new parent: reaching the unit itself would make the tree a cycle.
	 */
	private void checkNoCycle(long id, long parentId) {
		Set<Long> seen = new HashSet<>();
		Long current = parentId;
		while (current != null) {
			if (current == id || !seen.add(current)) {
				throw ApiException.conflict("unit-cycle");
			}
			Unit parent = this.mapper.selectById(current);
			if (parent == null) {
				throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unit-parent-not-found", parentId);
			}
			current = parent.parentId;
		}
	}

	private static void apply(Unit unit, UnitRequest request) {
		unit.code = request.code();
		unit.name = request.name().trim();
		unit.shortName = request.shortName();
		unit.type = request.type();
		unit.parentId = request.parentId();
		unit.responsibilities = request.responsibilities();
		unit.contact = request.contact();
		unit.active = (request.active() != null) ? request.active() : Boolean.TRUE;
	}

}
