/** The part of jStat (no types of its own) the analyses use: quantiles of Student's t and the normal distribution. */
declare module 'jstat' {
	const jStat: {
		studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
		normal: { inv(p: number, mean: number, sd: number): number; cdf(x: number, mean: number, sd: number): number };
	};
	export default jStat;
}
