import { describe, it, expect } from 'vitest';
import { splitStatements } from './sql-script';

describe('splitStatements', () => {
	it('splits on semicolons and trims each statement', () => {
		expect(splitStatements('SELECT 1;\n  SELECT 2 ;\nSELECT 3;')).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3']);
	});

	it('keeps a last statement without a semicolon', () => {
		expect(splitStatements('CREATE TABLE a (id int);\nCREATE TABLE b (id int)')).toEqual([
			'CREATE TABLE a (id int)',
			'CREATE TABLE b (id int)'
		]);
	});

	it('drops empty statements and returns nothing for an empty or blank script', () => {
		expect(splitStatements(';;  ;\n\tSELECT 1;;\n;')).toEqual(['SELECT 1']);
		expect(splitStatements('')).toEqual([]);
		expect(splitStatements('  \n\t ')).toEqual([]);
		expect(splitStatements(';')).toEqual([]);
	});

	it('keeps line breaks and indentation inside a statement', () => {
		expect(splitStatements('CREATE TABLE t (\n\tid int,\n\tname text\n);')).toEqual([
			'CREATE TABLE t (\n\tid int,\n\tname text\n)'
		]);
	});

	it('keeps a $$-quoted function body whole', () => {
		const fn = `CREATE OR REPLACE FUNCTION lykta_bump_version() RETURNS trigger AS $$
BEGIN
	NEW.version := OLD.version + 1;
	NEW.updated_at := now();
	RETURN NEW;
END;
$$ LANGUAGE plpgsql`;
		const trigger = 'CREATE TRIGGER areas_bump_version BEFORE UPDATE ON areas FOR EACH ROW EXECUTE FUNCTION lykta_bump_version()';
		expect(splitStatements(`${fn};\n${trigger};`)).toEqual([fn, trigger]);
	});

	it('keeps a named $body$ … $body$ block whole, even with $$ and semicolons inside', () => {
		const fn = `CREATE FUNCTION f() RETURNS text AS $body$
	SELECT 'a;b' || $$ inner; still inside $$;
$body$ LANGUAGE sql`;
		expect(splitStatements(`${fn};SELECT 2;`)).toEqual([fn, 'SELECT 2']);
	});

	it('keeps a DO block with an underscore tag whole', () => {
		const block = `DO $do_it$ BEGIN RAISE NOTICE 'x;y'; PERFORM 1; END $do_it$`;
		expect(splitStatements(`${block}; SELECT 1`)).toEqual([block, 'SELECT 1']);
	});

	it('keeps an empty dollar-quoted string', () => {
		expect(splitStatements('SELECT $$$$; SELECT 2')).toEqual(['SELECT $$$$', 'SELECT 2']);
	});

	it('does not take a positional parameter ($1) for a dollar quote', () => {
		expect(splitStatements('PREPARE p AS SELECT $1; SELECT 2')).toEqual(['PREPARE p AS SELECT $1', 'SELECT 2']);
	});

	it('ignores semicolons inside single-quoted strings', () => {
		expect(splitStatements(`INSERT INTO t VALUES ('a;b'); SELECT ';'`)).toEqual([
			`INSERT INTO t VALUES ('a;b')`,
			`SELECT ';'`
		]);
	});

	it("handles doubled quotes ('') inside a string", () => {
		expect(splitStatements(`SELECT 'it''s; fine'; SELECT 2`)).toEqual([`SELECT 'it''s; fine'`, 'SELECT 2']);
	});

	it('does not treat -- inside a string as a comment', () => {
		expect(splitStatements(`SELECT '--not a comment; really'; SELECT 2`)).toEqual([
			`SELECT '--not a comment; really'`,
			'SELECT 2'
		]);
	});

	it('ignores semicolons in -- comments and drops the comment text', () => {
		expect(splitStatements('-- create; the table\nCREATE TABLE t (id int); -- done; next\nSELECT 1')).toEqual([
			'CREATE TABLE t (id int)',
			'SELECT 1'
		]);
	});

	it('replaces a trailing comment inside a statement by a line break', () => {
		expect(splitStatements('SELECT 1, -- first; column\n2;')).toEqual(['SELECT 1, \n2']);
	});

	it('is not confused by an apostrophe in a -- comment', () => {
		expect(splitStatements("-- don't split here\nSELECT 1; SELECT 2")).toEqual(['SELECT 1', 'SELECT 2']);
	});

	it('drops a script that is only comments, including one without a final newline', () => {
		expect(splitStatements('-- nothing; here\n-- at all')).toEqual([]);
	});

	it('keeps -- inside a dollar-quoted body', () => {
		const fn = `CREATE FUNCTION g() RETURNS int AS $$
	-- a comment; inside
	SELECT 1;
$$ LANGUAGE sql`;
		expect(splitStatements(`${fn};`)).toEqual([fn]);
	});

	it('does not treat a single minus as a comment', () => {
		expect(splitStatements('SELECT 3 - 1; SELECT -2')).toEqual(['SELECT 3 - 1', 'SELECT -2']);
	});

	it('keeps a dollar-quoted body whose tag contains a digit', () => {
		const block = 'DO $fn1$ BEGIN PERFORM 1; PERFORM 2; END $fn1$';
		expect(splitStatements(`${block}; SELECT 3`)).toEqual([block, 'SELECT 3']);
	});

	it('ignores semicolons and apostrophes inside /* */ block comments', () => {
		const statements = splitStatements("/* the areas; don't split */ SELECT 1; SELECT 2");
		expect(statements).toHaveLength(2);
		expect(statements[0]).toMatch(/SELECT 1$/);
		expect(statements[1]).toBe('SELECT 2');
	});
});
