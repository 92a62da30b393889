package cn.gov.cppcc.proposals.department.unit;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.FieldStrategy;
import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableField;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.baomidou.mybatisplus.annotation.Version;

/**
 * A handling unit (承办单位).
 */
@TableName("unit")
public class Unit {

	@TableId(type = IdType.AUTO)
	public Long id;

	public String code;

	public String name;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public String shortName;

	public UnitType type;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public Long parentId;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public String responsibilities;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public String contact;

	public Boolean active;

	@Version
	public Integer version;

	public Instant createdAt;

	public Instant updatedAt;

}
