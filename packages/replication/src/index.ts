// Public API of this package. It is empty until its issue lands (see README.md).
export {};
